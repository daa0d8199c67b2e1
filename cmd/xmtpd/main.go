// Command xmtpd runs and operates the xmtpd chain: the node, keys, queries
// and transactions.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/cmd/xmtpd/cmd"
)

func main() {
	// SDK v0.54 keys its global config by host|executable|pid and recomputes
	// that key (two syscalls) on every address encode or decode. One process
	// needs one config: a fixed scope makes the lookup a map access.
	if os.Getenv(sdk.EnvConfigScope) == "" {
		_ = os.Setenv(sdk.EnvConfigScope, "xmtpd")
	}
	// `xmtpd operator …` (the long-running operator agent) gets a root
	// without the app: a fraction of the memory of the full command tree.
	var rootCmd *cobra.Command
	if cmd.IsOperatorCommand(os.Args[1:]) {
		rootCmd = cmd.NewOperatorRootCmd()
	} else {
		rootCmd = cmd.NewRootCmd()
	}
	if err := svrcmd.Execute(rootCmd, "XMTPD", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.OutOrStderr(), err)
		os.Exit(1)
	}
}
