package treasury

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"
)

// AutoCLIOptions describes the query and tx commands of x/treasury.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "xmtp.treasury.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the treasury parameters",
					Example:   fmt.Sprintf("%s query treasury params", version.AppName),
				},
				{
					RpcMethod: "Buckets",
					Use:       "buckets",
					Short:     "Show every bucket's holdings and the module account balance",
					Example:   fmt.Sprintf("%s query treasury buckets -o json", version.AppName),
				},
				{
					RpcMethod: "Inflows",
					Use:       "inflows",
					Short:     "List recorded inflows (excess by cycle, bucket funding), oldest first",
					Example:   fmt.Sprintf("%s query treasury inflows --page-limit 10", version.AppName),
				},
				{
					RpcMethod: "Spends",
					Use:       "spends",
					Short:     "List recorded spends (authority spends, backstop draws, burns), oldest first",
					Example:   fmt.Sprintf("%s query treasury spends --page-limit 10", version.AppName),
				},
				{
					RpcMethod: "Auction",
					Use:       "auction",
					Short:     "Show the open burn auction: lot, highest bid and bidder, end time and the smallest bid accepted now",
					Example:   fmt.Sprintf("%s query treasury auction", version.AppName),
				},
				{
					RpcMethod: "Auctions",
					Use:       "auctions",
					Short:     "List closed burn auctions (lot, winner, winning bid, bids, burned), oldest first",
					Example:   fmt.Sprintf("%s query treasury auctions --page-limit 10", version.AppName),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "xmtp.treasury.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Spend",
					Use:       "spend <bucket> <recipient> <amount>",
					Short:     "Propose spending coins from a bucket (authority)",
					Example: fmt.Sprintf("%s tx treasury spend buyback-burn xmtp1... 1000000uusdc --from mykey --deposit 10000000uxmtp",
						version.AppName),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "bucket"}, {ProtoField: "recipient"}, {ProtoField: "amount"},
					},
					GovProposal: true,
				},
				{
					RpcMethod:      "Bid",
					Use:            "bid <amount>",
					Short:          "Bid burn_denom for the open burn auction's lot; the winning bid is burned (anyone)",
					Example:        fmt.Sprintf("%s tx treasury bid 5000000uxmtp --from bidder", version.AppName),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}},
				},
				{
					RpcMethod:      "BurnHoldings",
					Use:            "burn-holdings <amount>",
					Short:          "Burn burn_denom held in the BUYBACK_BURN bucket (anyone)",
					Example:        fmt.Sprintf("%s tx treasury burn-holdings 5000000uxmtp --from mykey", version.AppName),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}},
				},
				{
					RpcMethod: "FundBucket",
					Use:       "fund-bucket <bucket> <amount>",
					Short:     "Add your coins to a bucket: buyback-burn, staking-rewards or ecosystem",
					Example:   fmt.Sprintf("%s tx treasury fund-bucket buyback-burn 5000000uxmtp --from mykey", version.AppName),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "bucket"}, {ProtoField: "amount"},
					},
				},
				{
					RpcMethod: "UpdateParams",
					Use:       "update-params-proposal <params>",
					Short:     "Propose new treasury parameters (authority); give every field",
					Example: fmt.Sprintf(`%s tx treasury update-params-proposal '{"buyback_burn_bps":4000,"staking_rewards_bps":3000,"ecosystem_bps":3000,"stakers_via_distribution":true,"burn_denom":"uxmtp"}' --from mykey --deposit 10000000uxmtp`,
						version.AppName),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
