package cmd

import (
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const (
	flagEndpoint = "endpoint"
	flagRegion   = "region"
	flagSigner   = "signer"
	flagPayout   = "payout-address"
	flagMoniker  = "moniker"
	flagNodeKey  = "signing-public-key"
)

// AddGenesisOperatorCmd registers an operator in genesis.json: it mints the
// next Node Operator NFT to the owner, adds the operator record and puts its
// stake in the escrow account (increasing the supply). The owner must already
// be a genesis account; the stake is not taken from its balance.
func AddGenesisOperatorCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add-operator [owner-address-or-key] [stake]",
		Short: "Add a registered node operator (NFT, record and escrowed stake) to genesis.json",
		Example: `xmtpd genesis add-operator op1 100000000000uxmtp --endpoint https://node1.example.com:5050 --region DE --keyring-backend test
xmtpd genesis add-operator xmtp1... 150000000000uxmtp --endpoint https://n.example.org --region SG --payout-address xmtp1...
xmtpd genesis add-operator op2 100000000000uxmtp --endpoint https://n2.example.org --region SK --moniker tatra-1 --signing-public-key 02ab…`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			cdc := clientCtx.Codec
			owner, err := resolveAddress(clientCtx, args[0])
			if err != nil {
				return err
			}
			stake, err := sdk.ParseCoinNormalized(args[1])
			if err != nil {
				return fmt.Errorf("stake %q: %w", args[1], err)
			}
			endpoint, _ := cmd.Flags().GetString(flagEndpoint)
			region, _ := cmd.Flags().GetString(flagRegion)
			signer, _ := cmd.Flags().GetString(flagSigner)
			payout, _ := cmd.Flags().GetString(flagPayout)
			moniker, _ := cmd.Flags().GetString(flagMoniker)
			var nodeKey []byte
			if h, _ := cmd.Flags().GetString(flagNodeKey); h != "" {
				if nodeKey, err = hex.DecodeString(h); err != nil {
					return fmt.Errorf("--%s %q: not hex: %w", flagNodeKey, h, err)
				}
				if err := nstypes.ValidateNodeKey(nodeKey); err != nil {
					return fmt.Errorf("--%s: %w", flagNodeKey, err)
				}
			}

			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			appState, genesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return fmt.Errorf("read %s: %w", genFile, err)
			}
			var nsGen nstypes.GenesisState
			cdc.MustUnmarshalJSON(appState[nstypes.ModuleName], &nsGen)
			if stake.Denom != nsGen.Params.BondDenom {
				return fmt.Errorf("stake denom %s: must be the bond denom %s", stake.Denom, nsGen.Params.BondDenom)
			}
			for name, v := range map[string]string{"--signer": signer, "--payout-address": payout} {
				if v == "" {
					continue
				}
				if _, err := sdk.AccAddressFromBech32(v); err != nil {
					return fmt.Errorf("%s %q: %w", name, v, err)
				}
			}
			ids, err := app.AddGenesisOperators(cdc, appState, []app.GenesisOperator{{
				Owner: owner, Stake: stake.Amount, Endpoint: endpoint, Region: region, Signer: signer, Payout: payout,
				Moniker: moniker, SigningPublicKey: nodeKey,
			}})
			if err != nil {
				return err
			}
			cdc.MustUnmarshalJSON(appState[nstypes.ModuleName], &nsGen)
			if err := nsGen.Validate(address.NewBech32Codec(app.Bech32Prefix)); err != nil {
				return err
			}
			bz, err := json.Marshal(appState)
			if err != nil {
				return err
			}
			genesis.AppState = bz
			if err := genutil.ExportGenesisFile(genesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "added operator %s with NFT %s, stake %s, queue position %d\n",
				owner, ids[0], stake, nsGen.NextQueueSeq-1)
			return nil
		},
	}
	cmd.Flags().String(flagEndpoint, "", "https://host[:port] of the operator's node (required)")
	cmd.Flags().String(flagRegion, "", "ISO 3166-1 alpha-2 region code (required)")
	cmd.Flags().String(flagSigner, "", "hot key allowed to submit attestations (default: owner)")
	cmd.Flags().String(flagPayout, "", "address that receives rewards (default: owner)")
	cmd.Flags().String(flagMoniker, "", "the operator's public name (1-64 printable characters, unique)")
	cmd.Flags().String(flagNodeKey, "", "the XMTP node's secp256k1 signing key, 33-byte compressed, hex (no proof: genesis is trusted as a whole)")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "keyring backend, to resolve a key name")
	cmd.Flags().String(flags.FlagHome, "", "node home")
	_ = cmd.MarkFlagRequired(flagEndpoint)
	_ = cmd.MarkFlagRequired(flagRegion)
	return cmd
}

func resolveAddress(clientCtx client.Context, arg string) (sdk.AccAddress, error) {
	if addr, err := sdk.AccAddressFromBech32(arg); err == nil {
		return addr, nil
	}
	if clientCtx.Keyring == nil {
		return nil, fmt.Errorf("%q is neither an xmtp1… address nor a key (no keyring)", arg)
	}
	rec, err := clientCtx.Keyring.Key(arg)
	if err != nil {
		return nil, fmt.Errorf("%q is neither an xmtp1… address nor a key in the keyring: %w", arg, err)
	}
	return rec.GetAddress()
}
