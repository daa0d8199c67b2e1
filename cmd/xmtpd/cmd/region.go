package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// echoRegions wraps the operator commands that take a region so that the CLI
// prints the country the code stands for (`SK = Slovakia`) before signing, and
// refuses an unknown code before anything is sent: look-alike codes are caught
// by the operator, not by the chain.
func echoRegions(rootCmd *cobra.Command) {
	for _, path := range [][]string{
		{"tx", "nodeselection", "register-operator"},
		{"tx", "nodeselection", "update-operator"},
	} {
		cmd, _, err := rootCmd.Find(path)
		if err != nil || cmd == nil || cmd.Name() != path[len(path)-1] {
			continue
		}
		wrapRegion(cmd)
	}
}

func wrapRegion(cmd *cobra.Command) {
	run := cmd.RunE
	cmd.RunE = func(c *cobra.Command, args []string) error {
		region := ""
		if f := c.Flags().Lookup("region"); f != nil {
			region = f.Value.String()
		}
		if c.Name() == "register-operator" && len(args) >= 4 {
			region = args[3]
		}
		if region != "" {
			name, ok := nstypes.RegionName(strings.ToUpper(region))
			if !ok || region != strings.ToUpper(region) {
				return fmt.Errorf("region %q is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. DE, SG, US)", region)
			}
			fmt.Fprintf(c.ErrOrStderr(), "region: %s = %s\n", region, name)
		}
		return run(c, args)
	}
}
