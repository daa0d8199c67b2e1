package cmd

import (
	"github.com/spf13/cobra"

	"github.com/xmtp/xmtpd-chain/operator/cli"
)

// OperatorCmd is `xmtpd operator`: the operator agent and its localnet
// helpers (operator/cli), and node-key-proof.
func OperatorCmd() *cobra.Command {
	cmd := cli.Command()
	cmd.AddCommand(NodeKeyProofCmd())
	return cmd
}
