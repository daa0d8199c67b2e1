package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/module"
)

const (
	flagOutputDir     = "output-dir"
	flagValidators    = "v"
	flagChainID       = "chain-id"
	flagOperators     = "operators"
	flagCycle         = "cycle-duration"
	flagPayoutPeriod  = "payout-period"
	flagBasePort      = "base-port"
	flagVotingPeriod  = "voting-period"
	flagUnbonding     = "operator-unbonding"
	flagWaitingPeriod = "waiting-period"
	flagAdminAuth     = "admin-authority"
	flagDashboard     = "with-dashboard"
	flagEndpointPort  = "endpoint-base-port"
)

// TestnetCmd groups the commands that write the files of local networks.
func TestnetCmd(basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Write the files of a local network (localnet, multi-validator testnet)",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(localnetCmd(basics), initFilesCmd(basics))
	return cmd
}

func localnetCmd(basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "localnet",
		Short: "Write a single-validator home with demo operators, an admin authority key and short cycles",
		Long: `Writes a fresh node home (--home) with: a validator; an "admin" key set as the
consensus authority (it owns every module parameter and the operator NFTs);
a "payer" key funded with USDC; demo operator keys op1..opN, each already holding
a Node Operator NFT and registered with the minimum stake (genesis operators skip
the waiting period); cycles of --cycle-duration and a short payout period, so
rotation and rewards are visible within minutes. All keys use --keyring-backend test.`,
		Example: "xmtpd testnet localnet --home ./.localnet --operators 12 --cycle-duration 60s",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home, _ := cmd.Flags().GetString(flags.FlagHome)
			opts, err := readNetOptions(cmd)
			if err != nil {
				return err
			}
			opts.validators = 1
			opts.homes = []string{home}
			return writeNetwork(cmd, basics, opts)
		},
	}
	addNetFlags(cmd, "xmtp-localnet-1", 60*time.Second)
	return cmd
}

func initFilesCmd(basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-files",
		Short: "Write the homes of an N-validator network on loopback (node0 … nodeN-1)",
		Long: `Writes --output-dir/node0 … nodeN-1, each a validator home with distinct loopback
ports (base port + 10*i), the same genesis with the demo operators of the localnet,
and persistent peers between all nodes. node0's keyring (test backend) holds the
admin, payer and demo operator keys.`,
		Example: "xmtpd testnet init-files --v 4 --output-dir ./.testnet",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, _ := cmd.Flags().GetString(flagOutputDir)
			n, _ := cmd.Flags().GetInt(flagValidators)
			if n < 1 || n > 20 {
				return fmt.Errorf("--v %d: the number of validators must be between 1 and 20", n)
			}
			opts, err := readNetOptions(cmd)
			if err != nil {
				return err
			}
			opts.validators = n
			for i := 0; i < n; i++ {
				opts.homes = append(opts.homes, filepath.Join(out, fmt.Sprintf("node%d", i)))
			}
			return writeNetwork(cmd, basics, opts)
		},
	}
	addNetFlags(cmd, "xmtp-testnet-1", 60*time.Second)
	cmd.Flags().String(flagOutputDir, "./.testnet", "directory that receives the node homes")
	cmd.Flags().Int(flagValidators, 4, "number of validators")
	return cmd
}

func addNetFlags(cmd *cobra.Command, chainID string, cycle time.Duration) {
	cmd.Flags().String(flagChainID, chainID, "chain id")
	cmd.Flags().Int(flagOperators, 12, "number of demo operators registered at genesis")
	cmd.Flags().Duration(flagCycle, cycle, "x/nodeselection cycle_duration")
	cmd.Flags().Duration(flagPayoutPeriod, 10*cycle, "x/rewards payout_period")
	cmd.Flags().Duration(flagVotingPeriod, 60*time.Second, "x/gov voting period")
	cmd.Flags().Duration(flagUnbonding, 5*time.Minute, "x/nodeselection unbonding_period")
	cmd.Flags().Duration(flagWaitingPeriod, cycle, "x/nodeselection waiting_period for newly registered operators")
	cmd.Flags().Bool(flagAdminAuth, true, "make the admin key the consensus authority (false: x/gov owns every parameter)")
	cmd.Flags().Bool(flagDashboard, true, "serve the dashboard at /dashboard/ on each node's API server ([dashboard] enable in app.toml)")
	cmd.Flags().Int(flagBasePort, 26656, "first port; node i uses base+10i (p2p), +1 (rpc), +2 (abci), +3 (grpc), +4 (api)")
	cmd.Flags().Int(flagEndpointPort, 0, "demo operator i registers https://127.0.0.1:<this+i-1> (its health server; 0: base-port+1000)")
}

type netOptions struct {
	chainID      string
	validators   int
	homes        []string
	operators    int
	cycle        time.Duration
	payoutPeriod time.Duration
	votingPeriod time.Duration
	unbonding    time.Duration
	waiting      time.Duration
	basePort     int
	adminAuth    bool
	dashboard    bool
	endpointBase int
}

// endpointPort is the port of demo operator i's registered endpoint.
func (o netOptions) endpointPort(i int) int {
	if o.endpointBase > 0 {
		return o.endpointBase + i - 1
	}
	return o.basePort + 1000 + i - 1
}

func readNetOptions(cmd *cobra.Command) (netOptions, error) {
	var o netOptions
	f := cmd.Flags()
	o.chainID, _ = f.GetString(flagChainID)
	o.operators, _ = f.GetInt(flagOperators)
	o.cycle, _ = f.GetDuration(flagCycle)
	o.payoutPeriod, _ = f.GetDuration(flagPayoutPeriod)
	o.votingPeriod, _ = f.GetDuration(flagVotingPeriod)
	o.unbonding, _ = f.GetDuration(flagUnbonding)
	o.waiting, _ = f.GetDuration(flagWaitingPeriod)
	o.basePort, _ = f.GetInt(flagBasePort)
	o.adminAuth, _ = f.GetBool(flagAdminAuth)
	o.dashboard, _ = f.GetBool(flagDashboard)
	o.endpointBase, _ = f.GetInt(flagEndpointPort)
	switch {
	case strings.TrimSpace(o.chainID) == "":
		return o, fmt.Errorf("--%s must not be empty", flagChainID)
	case o.operators < 0 || o.operators > 200:
		return o, fmt.Errorf("--%s %d: must be between 0 and 200", flagOperators, o.operators)
	case o.cycle < time.Second:
		return o, fmt.Errorf("--%s %s: must be at least 1s", flagCycle, o.cycle)
	case o.payoutPeriod < o.cycle:
		return o, fmt.Errorf("--%s %s: must be at least the cycle duration %s", flagPayoutPeriod, o.payoutPeriod, o.cycle)
	case o.basePort < 1024 || o.basePort > 60000:
		return o, fmt.Errorf("--%s %d: must be between 1024 and 60000", flagBasePort, o.basePort)
	case o.endpointBase != 0 && (o.endpointBase < 1024 || o.endpointBase+o.operators > 65535):
		return o, fmt.Errorf("--%s %d: must be 0 or between 1024 and %d", flagEndpointPort, o.endpointBase, 65535-o.operators)
	}
	return o, nil
}

// ensureEmpty refuses to overwrite a home that already has a chain. (The root
// command writes default config files before any subcommand runs, so only a
// genesis file or block data count.)
func ensureEmpty(dir string) error {
	for _, p := range []string{filepath.Join(dir, "config", "genesis.json"), filepath.Join(dir, "data", "application.db")} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s already holds a chain (%s): remove it first", dir, p)
		}
	}
	return nil
}
