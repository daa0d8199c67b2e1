package rewards

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions describes the generated query and tx commands.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service:              "xmtp.rewards.v1.Query",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the x/rewards parameters"},
				{RpcMethod: "Pool", Use: "pool", Short: "Show the unassigned pool, budgets awaiting settlement and the module balance"},
				{
					RpcMethod: "Earnings", Use: "earnings [owner]", Short: "Show an operator's payable, arrears, period costs and earnings, cap headroom",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}},
				},
				{
					RpcMethod: "CycleRecords", Use: "cycle-records", Short: "List stored cycle records",
					Example: "xmtpd q rewards cycle-records --from 100 --to 160",
				},
				{RpcMethod: "Payouts", Use: "payouts", Short: "List payout records"},
				{
					RpcMethod: "Audit", Use: "audit-cycle [cycle]", Short: "Recompute one stored cycle and compare (see 'audit' for a range)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cycle"}},
				},
				{
					RpcMethod: "Simulate", Skip: true, // hand-written (client/cli/simulate.go): decimals in nested JSON
					Use: "simulate", Short: "What the next settlement would pay, or a stored cycle under other params/budget",
					Example: `xmtpd q rewards simulate --budget 500000000
xmtpd q rewards simulate --cycle '{"cycle":42}' --params '{"reward_denom":"uusdc","base_pay":"2000000000","variable_cost_per_unit":"0","profit_cap":"1.5","payout_period":"720h","base_pay_backstop":true,"record_retention":"17520h","max_prune_per_block":50,"max_work_units":"1000000","max_creditors_per_cycle":50,"algorithm_version":1,"max_payouts_per_block":100}'`,
				},
				{
					RpcMethod: "SimulateProposal", Use: "simulate-proposal [proposal-id]", Short: "The next settlement now and under a pending proposal's params",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "xmtp.rewards.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "FundRewardPool", Use: "fund-reward-pool [amount]", Short: "Add reward_denom to the reward pool",
					Example:        "xmtpd tx rewards fund-reward-pool 5000000uusdc --from payer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}},
				},
				{
					RpcMethod: "UpdateParams", Skip: true, // decimals in nested JSON: use `xmtpd tx authority`
					Use: "update-params-proposal [params]", Short: "Submit a governance proposal replacing the x/rewards params",
					GovProposal:    true,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
				},
			},
		},
	}
}
