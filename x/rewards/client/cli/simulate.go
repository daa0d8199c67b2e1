package cli

import (
	"encoding/json"
	"fmt"
	"os"

	sdkmath "cosmossdk.io/math"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const (
	flagParamsFile = "params-file"
	flagBudget     = "budget"
	flagCycle      = "cycle"
)

// SimulateCmd predicts a settlement under other parameters or another budget:
// the next settlement (default) or a stored cycle (--cycle). --params-file
// takes plain Params JSON or a messages/proposal file holding an x/rewards
// MsgUpdateParams, so a draft proposal can be simulated before it is submitted.
func SimulateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "What the next settlement (or a stored cycle) would pay under other params or budget",
		Example: `xmtpd q rewards simulate --budget 500000000
xmtpd tx authority draft-update-params rewards > update.json   # edit profit_cap, then:
xmtpd q rewards simulate --params-file update.json
xmtpd q rewards simulate --cycle 42 --params-file params.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			req := &types.QuerySimulateRequest{}
			if file, _ := cmd.Flags().GetString(flagParamsFile); file != "" {
				p, err := readParamsFile(clientCtx.Codec, file)
				if err != nil {
					return err
				}
				req.Params = &p
			}
			if b, _ := cmd.Flags().GetString(flagBudget); b != "" {
				amount, ok := sdkmath.NewIntFromString(b)
				if !ok || amount.IsNegative() {
					return fmt.Errorf("--budget %q: must be a non-negative integer amount of reward_denom", b)
				}
				req.Budget = amount.String()
			}
			if cmd.Flags().Changed(flagCycle) {
				c, _ := cmd.Flags().GetUint64(flagCycle)
				req.Cycle = &types.CycleRef{Cycle: c}
			}
			res, err := types.NewQueryClient(clientCtx).Simulate(cmd.Context(), req)
			if err != nil {
				return err
			}
			return clientCtx.PrintProto(res)
		},
	}
	cmd.Flags().String(flagParamsFile, "", "file with Params JSON, or a messages/proposal file with an x/rewards MsgUpdateParams")
	cmd.Flags().String(flagBudget, "", "budget in reward_denom micro-units (default: the real budget)")
	cmd.Flags().Uint64(flagCycle, 0, "simulate this stored cycle instead of the next settlement")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// readParamsFile reads Params JSON or the params of the first x/rewards
// MsgUpdateParams in a messages file.
func readParamsFile(cdc codec.Codec, file string) (types.Params, error) {
	bz, err := os.ReadFile(file)
	if err != nil {
		return types.Params{}, err
	}
	var wrapper struct {
		Messages []json.RawMessage `json:"messages"`
	}
	if err := json.Unmarshal(bz, &wrapper); err == nil && len(wrapper.Messages) > 0 {
		for _, raw := range wrapper.Messages {
			var msg types.MsgUpdateParams
			var head struct {
				Type string `json:"@type"`
			}
			if json.Unmarshal(raw, &head) != nil || head.Type != "/xmtp.rewards.v1.MsgUpdateParams" {
				continue
			}
			if err := cdc.UnmarshalJSON(stripType(raw), &msg); err != nil {
				return types.Params{}, fmt.Errorf("%s: %w", file, err)
			}
			return msg.Params, nil
		}
		return types.Params{}, fmt.Errorf("%s: no /xmtp.rewards.v1.MsgUpdateParams among its messages", file)
	}
	var p types.Params
	if err := cdc.UnmarshalJSON(bz, &p); err != nil {
		return types.Params{}, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

// stripType removes the "@type" key so the message decodes as a plain message.
func stripType(raw json.RawMessage) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return raw
	}
	delete(m, "@type")
	out, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return out
}
