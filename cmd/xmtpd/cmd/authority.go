package cmd

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// AuthorityCmd groups the commands of the module authority: the interim
// multisig (consensus AuthorityParams) or, once that is cleared, x/gov.
func AuthorityCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "authority",
		Short: "Draft and execute authority messages (parameter changes, NFT issuance, violations)",
		Long: `Messages files have the format of a gov proposal file:
  {"messages":[{"@type":"/xmtp.rewards.v1.MsgUpdateParams","authority":"xmtp1...","params":{...}}],
   "title":"...","summary":"...","deposit":"10000000uxmtp"}
The same file is executed directly by the interim authority (xmtpd tx authority exec)
or submitted to governance (xmtpd tx gov submit-proposal). Decimals are written as
"1.250000000000000000" and durations as "43200s".`,
		RunE: client.ValidateCmd,
	}
	cmd.AddCommand(draftParamsCmd(), execCmd())
	return cmd
}

func draftParamsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "draft-update-params [nodeselection|rewards|treasury]",
		Short: "Print a messages file with a module's MsgUpdateParams holding its current params, to edit",
		Example: `xmtpd tx authority draft-update-params rewards > update.json
# edit update.json, then simulate its effect and execute or propose it:
xmtpd tx authority exec update.json --from admin
xmtpd tx gov submit-proposal update.json --from mykey`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			authority, _ := cmd.Flags().GetString("authority")
			if authority == "" {
				authority = authtypes.NewModuleAddress(govtypes.ModuleName).String()
				res, err := consensustypes.NewQueryClient(clientCtx).Params(ctx, &consensustypes.QueryParamsRequest{})
				if err == nil && res.Params != nil && res.Params.GetAuthority().GetAuthority() != "" {
					authority = res.Params.GetAuthority().GetAuthority()
				}
			}
			var msg sdk.Msg
			switch args[0] {
			case nstypes.ModuleName:
				res, err := nstypes.NewQueryClient(clientCtx).Params(ctx, &nstypes.QueryParamsRequest{})
				if err != nil {
					return err
				}
				msg = &nstypes.MsgUpdateParams{Authority: authority, Params: res.Params}
			case rewardstypes.ModuleName:
				res, err := rewardstypes.NewQueryClient(clientCtx).Params(ctx, &rewardstypes.QueryParamsRequest{})
				if err != nil {
					return err
				}
				msg = &rewardstypes.MsgUpdateParams{Authority: authority, Params: res.Params}
			case treasurytypes.ModuleName:
				res, err := treasurytypes.NewQueryClient(clientCtx).Params(ctx, &treasurytypes.QueryParamsRequest{})
				if err != nil {
					return err
				}
				msg = &treasurytypes.MsgUpdateParams{Authority: authority, Params: res.Params}
			default:
				return fmt.Errorf("module %q: must be nodeselection, rewards or treasury", args[0])
			}
			msgJSON, err := clientCtx.Codec.MarshalInterfaceJSON(msg)
			if err != nil {
				return err
			}
			out, err := json.MarshalIndent(map[string]any{
				"messages": []json.RawMessage{msgJSON},
				"title":    fmt.Sprintf("Update x/%s parameters", args[0]),
				"summary":  "Describe the change and why.",
				"deposit":  "10000000uxmtp",
			}, "", "  ")
			if err != nil {
				return err
			}
			return clientCtx.PrintString(string(out) + "\n")
		},
	}
	cmd.Flags().String("authority", "", "authority address to put in the message (default: the consensus authority, else x/gov)")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

func execCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "exec [messages-file]",
		Short: "Sign and broadcast the messages of a messages file as the authority (interim multisig or admin key)",
		Example: `xmtpd tx authority exec update.json --from admin
xmtpd tx authority exec update.json --from multisig --generate-only > unsigned.json   # multisig flow`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			bz, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			var file struct {
				Messages []json.RawMessage `json:"messages"`
			}
			if err := json.Unmarshal(bz, &file); err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if len(file.Messages) == 0 {
				return fmt.Errorf("%s: no messages", args[0])
			}
			msgs := make([]sdk.Msg, 0, len(file.Messages))
			for i, raw := range file.Messages {
				var msg sdk.Msg
				if err := clientCtx.Codec.UnmarshalInterfaceJSON(raw, &msg); err != nil {
					return fmt.Errorf("message %d: %w", i, err)
				}
				if m, ok := msg.(interface{ ValidateBasic() error }); ok {
					if err := m.ValidateBasic(); err != nil {
						return fmt.Errorf("message %d (%s): %w", i, proto.MessageName(msg), err)
					}
				}
				msgs = append(msgs, msg)
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msgs...)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
