package cmd

import (
	"github.com/spf13/cobra"
)

// monikerFlag is the flag of an operator's public name (register-operator,
// update-operator, genesis add-operator).
const monikerFlag = "moniker"

// guardMonikerFlag runs the SDK's config interception (which sets every flag
// the user did not give from the node's config files) without letting the
// CometBFT node moniker of config.toml become an operator's --moniker: for
// `tx …` commands and `genesis add-operator`, a --moniker not given stays
// empty (unchanged).
func guardMonikerFlag(cmd *cobra.Command, intercept func() error) error {
	f := cmd.Flags().Lookup(monikerFlag)
	if f == nil || f.Changed || !operatorMonikerCommand(cmd) {
		return intercept()
	}
	if err := intercept(); err != nil {
		return err
	}
	if err := f.Value.Set(f.DefValue); err != nil {
		return err
	}
	f.Changed = false
	return nil
}

// operatorMonikerCommand: the commands whose --moniker is an operator's name.
func operatorMonikerCommand(cmd *cobra.Command) bool {
	if cmd.Name() == "add-operator" {
		return true
	}
	for p := cmd.Parent(); p != nil; p = p.Parent() {
		if p.Name() == "tx" && p.Parent() != nil && p.Parent().Parent() == nil {
			return true
		}
	}
	return false
}
