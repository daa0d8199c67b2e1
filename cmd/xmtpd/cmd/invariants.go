package cmd

import (
	"fmt"
	"path/filepath"

	"cosmossdk.io/log/v2"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/server"

	"github.com/xmtp/xmtpd-chain/app"
)

// InvariantsCmd checks the chain's invariants on a stopped node's state.
func InvariantsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "invariants",
		Short: "Check the xmtpd invariants (escrow, rewards, treasury, active set) on the node's latest state",
		Long: `Opens the application database of a stopped node (--home) and checks:
escrow = sum of stakes + sum of unbonding; rewards account = sum of payable + pool;
treasury account = sum of buckets; the active sets have no duplicates, at most
active_set_size members, and every member is registered.`,
		Example: "xmtpd debug invariants --home ~/.xmtpd",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			serverCtx := server.GetServerContextFromCmd(cmd)
			home := serverCtx.Config.RootDir
			if h, _ := cmd.Flags().GetString(flags.FlagHome); h != "" {
				home = h
			}
			db, err := dbm.NewDB("application", server.GetAppDBBackend(serverCtx.Viper), filepath.Join(home, "data"))
			if err != nil {
				return fmt.Errorf("open application db (is the node stopped?): %w", err)
			}
			defer db.Close()
			a := app.NewXmtpApp(log.NewNopLogger(), db, true, serverCtx.Viper)
			height := a.LastBlockHeight()
			if err := a.CheckInvariants(a.NewContext(true)); err != nil {
				return fmt.Errorf("height %d: %w", height, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "all invariants hold at height %d\n", height)
			return nil
		},
	}
}
