package cmd

import (
	"github.com/spf13/cobra"

	"github.com/xmtp/xmtpd-chain/app"
)

// IsOperatorCommand reports whether args (os.Args without the program name)
// run `xmtpd operator …`, which NewOperatorRootCmd serves on its own.
func IsOperatorCommand(args []string) bool {
	return len(args) > 0 && args[0] == "operator"
}

// NewOperatorRootCmd is the root of `xmtpd operator …` alone. The operator
// agent runs for months beside an XMTP node and signs one message type, so it
// does not build the app (module manager, keepers, autocli) that NewRootCmd
// builds for every other command; its codecs are operator/cli's. Its flags
// and subcommands are those of `xmtpd operator` under NewRootCmd; the
// persistent flags (--home, --log_level, ...) are added by the caller
// (svrcmd.Execute) as for the full root.
func NewOperatorRootCmd() *cobra.Command {
	app.SetConfig()
	root := &cobra.Command{
		Use:           "xmtpd",
		Short:         "xmtpd: registry and paymaster of the XMTP node operator network",
		SilenceErrors: true,
	}
	root.AddCommand(OperatorCmd())
	return root
}
