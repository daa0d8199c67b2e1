// Command xmtpd-operator is the operator agent alone: `xmtpd-operator start`
// is `xmtpd operator start` with the same flags (and health-server, gen-tls),
// in a binary that does not link the chain. The agent runs for months beside
// an XMTP node; this binary is about a third of xmtpd's size, and its process
// maps and allocates correspondingly less (docs/benchmarks.md, "Operator agent
// memory").
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
	"github.com/xmtp/xmtpd-chain/operator/cli"
)

const ignored = "accepted for command lines written for xmtpd operator; not used"

func main() {
	if os.Getenv(sdk.EnvConfigScope) == "" { // see cmd/xmtpd
		_ = os.Setenv(sdk.EnvConfigScope, "xmtpd")
	}
	root := newRoot()
	if err := root.Execute(); err != nil {
		fmt.Fprintln(root.ErrOrStderr(), err)
		os.Exit(1)
	}
}

// newRoot is the xmtpd-operator command tree.
func newRoot() *cobra.Command {
	chainconfig.SetConfig()
	root := &cobra.Command{
		Use:           "xmtpd-operator",
		Short:         cli.Short,
		SilenceErrors: true,
	}
	// Accepted for drop-in use of `xmtpd operator` command lines; the agent
	// reads neither (its settings are its flags and --config).
	root.PersistentFlags().String("home", "", ignored)
	root.PersistentFlags().String("log_level", "info", ignored)
	root.PersistentFlags().String("log_format", "plain", ignored)
	root.PersistentFlags().Bool("log_no_color", false, ignored)
	root.PersistentFlags().Bool("trace", false, ignored)
	cli.AddCommands(root)
	return root
}
