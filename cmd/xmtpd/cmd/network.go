package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/dashboard"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Demo balances, in micro-units.
var (
	validatorTokens = sdkmath.NewInt(10_000_000_000_000) // 10M XMTP
	selfDelegation  = sdkmath.NewInt(1_000_000_000_000)  // 1M XMTP
	userXMTP        = sdkmath.NewInt(1_000_000_000_000)  // 1M XMTP
	payerUSDC       = sdkmath.NewInt(1_000_000_000_000)  // 1M USDC
)

// demoRegions are the regions of the demo operators, in turn.
var demoRegions = []string{"US", "DE", "SG", "BR", "JP", "SK", "CA", "AU", "IN", "ZA", "FR", "GB"}

type netNode struct {
	home   string
	cfg    *cmtcfg.Config
	nodeID string
	pubKey cryptotypes.PubKey
	kr     keyring.Keyring
	valKey *keyring.Record
	ports  [5]int // p2p, rpc, abci, grpc, api
}

func writeNetwork(cmd *cobra.Command, basics module.BasicManager, o netOptions) error {
	clientCtx := client.GetClientContextFromCmd(cmd)
	cdc := clientCtx.Codec
	out := cmd.OutOrStdout()
	for _, h := range o.homes {
		if err := ensureEmpty(h); err != nil {
			return err
		}
	}

	nodes := make([]*netNode, o.validators)
	for i := range nodes {
		n, err := initNode(cdc, o, i)
		if err != nil {
			return err
		}
		nodes[i] = n
	}

	// Accounts: validators, and in node0's keyring the admin, payer and operators.
	kr0 := nodes[0].kr
	admin, err := newKey(kr0, "admin")
	if err != nil {
		return err
	}
	payer, err := newKey(kr0, "payer")
	if err != nil {
		return err
	}
	var balanceGen banktypes.GenesisState // one entry per address (merged)
	addBal := func(addr sdk.AccAddress, coins ...sdk.Coin) {
		app.AddGenesisBalance(&balanceGen, addr.String(), sdk.NewCoins(coins...))
	}
	for _, n := range nodes {
		addr, _ := n.valKey.GetAddress()
		addBal(addr, sdk.NewCoin(app.BondDenom, validatorTokens))
	}
	addBal(admin, sdk.NewCoin(app.BondDenom, userXMTP))
	addBal(payer, sdk.NewCoin(app.BondDenom, userXMTP), sdk.NewCoin(app.RewardDenom, payerUSDC))

	var ops []app.GenesisOperator
	for i := 1; i <= o.operators; i++ {
		opAddr, err := newKey(kr0, fmt.Sprintf("op%d", i))
		if err != nil {
			return err
		}
		addBal(opAddr, sdk.NewCoin(app.BondDenom, userXMTP))
		nodeKey, err := writeDemoNodeKey(o.homes[0], i)
		if err != nil {
			return err
		}
		ops = append(ops, app.GenesisOperator{
			Owner:            opAddr,
			Endpoint:         fmt.Sprintf("https://127.0.0.1:%d", o.endpointPort(i)),
			Region:           demoRegions[(i-1)%len(demoRegions)],
			Moniker:          demoMoniker(i),
			SigningPublicKey: nodeKey,
		})
	}

	appState := basics.DefaultGenesis(cdc)
	if err := patchGenesis(cdc, appState, balanceGen.Balances, o); err != nil {
		return err
	}
	if _, err := app.AddGenesisOperators(cdc, appState, ops); err != nil {
		return err
	}
	appStateJSON, err := json.MarshalIndent(appState, "", "  ")
	if err != nil {
		return err
	}
	genesis := genutiltypes.NewAppGenesisWithVersion(o.chainID, appStateJSON)
	genesis.GenesisTime = time.Now().UTC().Truncate(time.Second)
	genesis.Consensus.Params = cmttypes.DefaultConsensusParams()
	if o.adminAuth {
		genesis.Consensus.Params.Authority.Authority = admin.String()
	}
	genesis.Consensus.Params.Block.MaxGas = 100_000_000

	// Gentxs, collected into the genesis of node0 and copied to every node.
	gentxDir := filepath.Join(o.homes[0], "config", "gentx")
	if err := os.MkdirAll(gentxDir, 0o755); err != nil {
		return err
	}
	for i, n := range nodes {
		if err := writeGentx(clientCtx, o.chainID, n, i, gentxDir); err != nil {
			return err
		}
	}
	n0 := nodes[0]
	initCfg := genutiltypes.NewInitConfig(o.chainID, gentxDir, n0.nodeID, n0.pubKey)
	if _, err := genutil.GenAppStateFromConfig(cdc, clientCtx.TxConfig, n0.cfg, initCfg, genesis,
		banktypes.GenesisBalancesIterator{}, genutiltypes.DefaultMessageValidator,
		runtime.ValidatorAddressCodec(address.NewBech32Codec(app.Bech32PrefixValAddr))); err != nil {
		return fmt.Errorf("collect gentxs: %w", err)
	}
	genBz, err := os.ReadFile(n0.cfg.GenesisFile())
	if err != nil {
		return err
	}

	var peers []string
	for _, n := range nodes {
		peers = append(peers, fmt.Sprintf("%s@127.0.0.1:%d", n.nodeID, n.ports[0]))
	}
	for i, n := range nodes {
		if i > 0 {
			if err := os.WriteFile(n.cfg.GenesisFile(), genBz, 0o644); err != nil {
				return err
			}
		}
		var others []string
		for j, p := range peers {
			if j != i {
				others = append(others, p)
			}
		}
		n.cfg.P2P.PersistentPeers = strings.Join(others, ",")
		if err := writeNodeConfigs(n, o.chainID, o.dashboard); err != nil {
			return err
		}
	}

	fmt.Fprintf(out, "wrote %d node home(s) for chain %s\n", len(nodes), o.chainID)
	for i, n := range nodes {
		fmt.Fprintf(out, "  node%d: home %s rpc tcp://127.0.0.1:%d grpc 127.0.0.1:%d api http://127.0.0.1:%d\n",
			i, n.home, n.ports[1], n.ports[3], n.ports[4])
	}
	role := "consensus authority"
	if !o.adminAuth {
		role = "no special role: x/gov is the authority"
	}
	fmt.Fprintf(out, "  admin (%s): %s\n  payer: %s\n  demo operators: op1..op%d (keyring-backend test in %s)\n",
		role, admin, payer, o.operators, n0.home)
	if o.operators > 0 {
		fmt.Fprintf(out, "  their XMTP node signing keys: %s (monikers %s..%s, node ids %d..%d)\n",
			filepath.Join(n0.home, "operators", "opN", demoNodeKeyFile), demoMoniker(1), demoMoniker(o.operators),
			nstypes.NodeIDStep, nstypes.NodeIDStep*o.operators)
	}
	return nil
}

func initNode(cdc codec.Codec, o netOptions, i int) (*netNode, error) {
	home := o.homes[i]
	for _, d := range []string{"config", "data"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o755); err != nil {
			return nil, err
		}
	}
	n := &netNode{home: home}
	base := o.basePort + 10*i
	n.ports = [5]int{base, base + 1, base + 2, base + 3, base + 4}
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(home)
	cfg.Moniker = fmt.Sprintf("node%d", i)
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", n.ports[0])
	cfg.P2P.AddrBookStrict = false
	cfg.P2P.AllowDuplicateIP = true
	cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", n.ports[1])
	cfg.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", n.ports[2])
	cfg.Consensus.TimeoutCommit = time.Second
	cfg.Instrumentation.Prometheus = true // CometBFT metrics (missed blocks) for deploy/prometheus
	cfg.Instrumentation.PrometheusListenAddr = fmt.Sprintf("127.0.0.1:%d", base+5)
	n.cfg = cfg
	nodeID, pubKey, err := genutil.InitializeNodeValidatorFiles(cfg)
	if err != nil {
		return nil, err
	}
	n.nodeID, n.pubKey = nodeID, pubKey
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, cdc)
	if err != nil {
		return nil, err
	}
	n.kr = kr
	rec, _, err := kr.NewMnemonic("validator", keyring.English, sdk.FullFundraiserPath, "", hd.Secp256k1)
	if err != nil {
		return nil, err
	}
	n.valKey = rec
	return n, nil
}

func newKey(kr keyring.Keyring, name string) (sdk.AccAddress, error) {
	rec, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, "", hd.Secp256k1)
	if err != nil {
		return nil, fmt.Errorf("create key %s: %w", name, err)
	}
	return rec.GetAddress()
}

func patchGenesis(cdc codec.JSONCodec, appState map[string]json.RawMessage, balances []banktypes.Balance, o netOptions) error {
	var authGen authtypes.GenesisState
	cdc.MustUnmarshalJSON(appState[authtypes.ModuleName], &authGen)
	accounts := make([]authtypes.GenesisAccount, 0, len(balances))
	for _, b := range balances {
		addr := sdk.MustAccAddressFromBech32(b.Address)
		accounts = append(accounts, authtypes.NewBaseAccount(addr, nil, 0, 0))
	}
	packed, err := authtypes.PackAccounts(accounts)
	if err != nil {
		return err
	}
	authGen.Accounts = packed
	appState[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(appState[banktypes.ModuleName], &bankGen)
	bankGen.Balances = banktypes.SanitizeGenesisBalances(balances)
	supply := sdk.NewCoins()
	for _, b := range balances {
		supply = supply.Add(b.Coins...)
	}
	bankGen.Supply = supply
	appState[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	var govGen govv1.GenesisState
	cdc.MustUnmarshalJSON(appState[govtypes.ModuleName], &govGen)
	vp := o.votingPeriod
	govGen.Params.VotingPeriod = &vp
	if ev := vp / 2; ev < *govGen.Params.ExpeditedVotingPeriod {
		govGen.Params.ExpeditedVotingPeriod = &ev
	}
	appState[govtypes.ModuleName] = cdc.MustMarshalJSON(&govGen)

	var stakingGen stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(appState[stakingtypes.ModuleName], &stakingGen)
	stakingGen.Params.UnbondingTime = o.unbonding
	appState[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&stakingGen)

	var nsGen nstypes.GenesisState
	cdc.MustUnmarshalJSON(appState[nstypes.ModuleName], &nsGen)
	nsGen.Params.CycleDuration = o.cycle
	nsGen.Params.WaitingPeriod = o.waiting
	nsGen.Params.UnbondingPeriod = o.unbonding
	nsGen.Params.JailDuration = 2 * o.cycle
	// every demo operator registers with an XMTP node key (writeDemoNodeKey)
	nsGen.Params.RequireNodeKey = true
	appState[nstypes.ModuleName] = cdc.MustMarshalJSON(&nsGen)
	var rewardsGen rewardstypes.GenesisState
	cdc.MustUnmarshalJSON(appState[rewardstypes.ModuleName], &rewardsGen)
	rewardsGen.Params.PayoutPeriod = o.payoutPeriod
	rewardsGen.Params.VariableCostPerUnit = sdkmath.LegacyNewDec(10_000) // demo: 0.01 USDC per work unit
	appState[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&rewardsGen)
	return nil
}

func writeGentx(clientCtx client.Context, chainID string, n *netNode, i int, dir string) error {
	valAddr, err := n.valKey.GetAddress()
	if err != nil {
		return err
	}
	msg, err := stakingtypes.NewMsgCreateValidator(sdk.ValAddress(valAddr).String(), n.pubKey,
		sdk.NewCoin(app.BondDenom, selfDelegation), stakingtypes.NewDescription(fmt.Sprintf("node%d", i), "", "", "", ""),
		stakingtypes.NewCommissionRates(sdkmath.LegacyNewDecWithPrec(5, 2), sdkmath.LegacyNewDecWithPrec(20, 2), sdkmath.LegacyNewDecWithPrec(1, 2)),
		sdkmath.OneInt())
	if err != nil {
		return err
	}
	builder := clientCtx.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(msg); err != nil {
		return err
	}
	builder.SetMemo(fmt.Sprintf("%s@127.0.0.1:%d", n.nodeID, n.ports[0]))
	builder.SetGasLimit(300_000)
	txf := tx.Factory{}.WithChainID(chainID).WithKeybase(n.kr).WithTxConfig(clientCtx.TxConfig)
	if err := tx.Sign(clientCtx.CmdContext, txf, "validator", builder, true); err != nil {
		return fmt.Errorf("sign gentx of node%d: %w", i, err)
	}
	bz, err := clientCtx.TxConfig.TxJSONEncoder()(builder.GetTx())
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("node%d.json", i)), bz, 0o644)
}

func writeNodeConfigs(n *netNode, chainID string, dashboardOn bool) error {
	cmtcfg.WriteConfigFile(filepath.Join(n.home, "config", "config.toml"), n.cfg)
	defaults := DefaultAppConfig()
	appCfg := &defaults.Config
	appCfg.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", n.ports[4])
	appCfg.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", n.ports[3])
	appCfg.Telemetry.Enabled = true
	appCfg.Telemetry.PrometheusRetentionTime = 60
	serverconfig.SetConfigTemplate(AppConfigTemplate)
	serverconfig.WriteConfigFile(filepath.Join(n.home, "config", "app.toml"),
		AppConfig{Config: *appCfg, Dashboard: dashboard.Config{Enable: dashboardOn}})
	clientToml := fmt.Sprintf(`chain-id = %q
keyring-backend = "test"
keyring-default-keyname = ""
output = "text"
node = "tcp://127.0.0.1:%d"
broadcast-mode = "sync"
`, chainID, n.ports[1])
	return os.WriteFile(filepath.Join(n.home, "config", "client.toml"), []byte(clientToml), 0o644)
}
