package cmd

import (
	"github.com/spf13/cobra"

	"github.com/xmtp/xmtpd-chain/operator/cli"
)

// OperatorCmd is `xmtpd operator`: the operator agent and its localnet
// helpers (operator/cli).
func OperatorCmd() *cobra.Command { return cli.Command() }
