package cmd

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/xmtp/xmtpd-chain/app"
)

// withCrossModuleValidation makes `genesis validate` also run the checks that
// need several modules' sections (app.ValidateGenesisAcrossModules), the same
// ones InitChain runs, before the per-module validation of the SDK.
func withCrossModuleValidation(genesisCmd *cobra.Command) {
	for _, c := range genesisCmd.Commands() {
		if c.Name() != "validate" {
			continue
		}
		inner := c.RunE
		c.Long = "Validates the genesis file at the default location or at the given path: every module's section, " +
			"then the cross-module checks InitChain runs (reward_denom metadata, payout_period >= cycle_duration, one " +
			"bank balance entry per address, escrow/rewards/treasury module balances equal to their modules' state)."
		c.RunE = func(cmd *cobra.Command, args []string) error {
			file := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			if len(args) > 0 {
				file = args[0]
			}
			if gen, err := genutiltypes.AppGenesisFromFile(file); err == nil {
				var state map[string]json.RawMessage
				if err := json.Unmarshal(gen.AppState, &state); err == nil {
					cdc := client.GetClientContextFromCmd(cmd).Codec
					if err := app.ValidateGenesisAcrossModules(cdc, state); err != nil {
						return fmt.Errorf("error validating genesis file %s: %w", file, err)
					}
				}
			}
			return inner(cmd, args) // reports unreadable files and the per-module checks
		}
	}
}
