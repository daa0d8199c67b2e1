package nodeselection

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"
)

// AutoCLIOptions describes the x/nodeselection query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app := version.AppName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "xmtp.nodeselection.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the x/nodeselection parameters",
					Example: fmt.Sprintf("%s query nodeselection params", app)},
				{RpcMethod: "Operator", Use: "operator <owner>", Short: "Show the operator registered by an owner address",
					Example: fmt.Sprintf("%s query nodeselection operator xmtp1...", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}}},
				{RpcMethod: "Operators", Use: "operators", Short: "List operators, optionally of one status (--status waiting|eligible|active|jailed|leaving)",
					Long: "List operators, optionally of one status. Page with --page-key (the next_key of the previous page): each page costs the same. " +
						"--page-offset walks every skipped operator, so a deep offset is slow (docs/benchmarks.md, queries under load).",
					Example: fmt.Sprintf("%s query nodeselection operators --status eligible --page-limit 50\n%s query nodeselection operators --page-limit 100 --page-key <next_key of the previous page>", app, app)},
				{RpcMethod: "OperatorByNFT", Use: "operator-by-nft <nft-id>", Short: "Show the operator registered with a Node Operator NFT",
					Example: fmt.Sprintf("%s query nodeselection operator-by-nft op-7", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}}},
				{RpcMethod: "Nodes", Use: "nodes", Short: "List the XMTP node registry by node id: key, pending rotation, address, canonical and next flags",
					Example: fmt.Sprintf("%s query nodeselection nodes --page-limit 100", app)},
				{RpcMethod: "Node", Use: "node <node-id>", Short: "Show one XMTP node of the registry by node id (100 × n for NFT op-n)",
					Example: fmt.Sprintf("%s query nodeselection node 700", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "node_id"}}},
				{RpcMethod: "ActiveSet", Use: "active-set", Short: "Show the current cycle, the serving set and the announced next set",
					Example: fmt.Sprintf("%s query nodeselection active-set", app)},
				{RpcMethod: "CycleHistory", Use: "cycle-history <cycle>", Short: "Show the set that served a cycle, with its scheduled start and end",
					Example: fmt.Sprintf("%s query nodeselection cycle-history 42", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cycle"}}},
				{RpcMethod: "Queue", Use: "queue", Short: "List the queue in rotation order from the pointer, with eligibility",
					Example: fmt.Sprintf("%s query nodeselection queue --page-limit 20", app)},
				{RpcMethod: "Schedule", Use: "schedule [cycles]", Short: "Predict the sets of the next cycles (default 10, at most 200) if nothing changes",
					Example: fmt.Sprintf("%s query nodeselection schedule 60", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cycles", Optional: true}}},
				{RpcMethod: "Performance", Use: "performance <owner> <from-cycle> [to-cycle]", Short: "Show an operator's settled performance per cycle (at most 1000 cycles; to-cycle defaults to from-cycle+999)",
					Example:        fmt.Sprintf("%s query nodeselection performance xmtp1... 100 160", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "from_cycle"}, {ProtoField: "to_cycle", Optional: true}}},
				{RpcMethod: "Violations", Use: "violations <owner>", Short: "List an operator's violations and the penalty in force",
					Example: fmt.Sprintf("%s query nodeselection violations xmtp1...", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}}},
				{RpcMethod: "Unbondings", Use: "unbondings <owner>", Short: "List an owner's bonds on their way back",
					Example: fmt.Sprintf("%s query nodeselection unbondings xmtp1...", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}}},
				{RpcMethod: "Votes", Use: "votes <operator>", Short: "Show an operator's vote total and its backers",
					Example: fmt.Sprintf("%s query nodeselection votes xmtp1... --page-limit 50", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}}},
				{RpcMethod: "VotesByVoter", Use: "votes-by-voter <voter>", Short: "List a voter's votes and the votes it is withdrawing",
					Example: fmt.Sprintf("%s query nodeselection votes-by-voter xmtp1...", app), PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "voter"}}},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "xmtp.nodeselection.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "IssueOperatorNFT", Use: "issue-operator-nft <recipient>", Short: "Propose minting the next Node Operator NFT to a recipient",
					Example:        fmt.Sprintf("%s tx nodeselection issue-operator-nft xmtp1... --from gov-key --deposit 10000000uxmtp", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "recipient"}}, GovProposal: true},
				{RpcMethod: "RevokeOperatorNFT", Use: "revoke-operator-nft <nft-id> <reason>", Short: "Propose burning a Node Operator NFT; a registered holder starts leaving",
					Example:        fmt.Sprintf("%s tx nodeselection revoke-operator-nft op-7 \"repeated misconduct\" --from gov-key", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}, {ProtoField: "reason"}}, GovProposal: true},
				{RpcMethod: "TransferOperatorNFT", Use: "transfer-operator-nft <nft-id> <new-owner>", Short: "Propose moving an NFT whose holder is not registered",
					Example:        fmt.Sprintf("%s tx nodeselection transfer-operator-nft op-7 xmtp1... --from gov-key", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}, {ProtoField: "new_owner"}}, GovProposal: true},
				{RpcMethod: "RegisterOperator", Use: "register-operator <nft-id> <stake> <endpoint> <region>",
					Short: "Register as a node operator: bond the stake and join the queue (--signer, --payout-address default to the sender; " +
						"--moniker, and --signing-public-key with --key-proof in hex from `xmtpd operator node-key-proof`)",
					Example: fmt.Sprintf("%s tx nodeselection register-operator op-7 100000000000uxmtp https://node.example.com:5050 SK --moniker \"Example Node\" "+
						"--signing-public-key 02ab… --key-proof 5f1c… --from operator", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}, {ProtoField: "stake"}, {ProtoField: "endpoint"}, {ProtoField: "region"}}},
				{RpcMethod: "UpdateOperator", Use: "update-operator", Short: "Change the endpoint, region, payout address, moniker or XMTP node key (hex, with --key-proof; announced while seated), or name a new signer (it takes over once it sends accept-signer); only the flags given",
					Example: fmt.Sprintf("%s tx nodeselection update-operator --endpoint https://new.example.com --region DE --from operator\n%s tx nodeselection update-operator --signer xmtp1hot... --from operator\n"+
						"%s tx nodeselection update-operator --signing-public-key 02ab… --key-proof 5f1c… --from operator", app, app, app)},
				{RpcMethod: "AcceptSigner", Use: "accept-signer <owner>", Short: "Consent, as the key an operator named with --signer, to become its signer (sent by that key)",
					Example:        fmt.Sprintf("%s tx nodeselection accept-signer xmtp1owner... --from hot-key", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}}},
				{RpcMethod: "AddStake", Use: "add-stake <amount>", Short: "Add to the operator's bond",
					Example:        fmt.Sprintf("%s tx nodeselection add-stake 5000000000uxmtp --from operator", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}}},
				{RpcMethod: "Vote", Use: "vote <operator> <amount>", Short: "Lock uxmtp as votes for an operator (counts half in the WEIGHTED draw; never slashed)",
					Example:        fmt.Sprintf("%s tx nodeselection vote xmtp1... 1000000000uxmtp --from holder", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}, {ProtoField: "amount"}}},
				{RpcMethod: "Unvote", Use: "unvote <operator> <amount>", Short: "Withdraw votes; they are paid back after unbonding_period",
					Example:        fmt.Sprintf("%s tx nodeselection unvote xmtp1... 500000000uxmtp --from holder", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}, {ProtoField: "amount"}}},
				{RpcMethod: "DeregisterOperator", Use: "deregister-operator", Short: "Leave the queue now and the active set at the next boundary; the bond unbonds",
					Example: fmt.Sprintf("%s tx nodeselection deregister-operator --from operator", app)},
				{RpcMethod: "SubmitAttestation", Use: "submit-attestation <cycle> [observation-json...]",
					Short:          "Attest the other members' uptime and work in the cycle that ended at the last boundary (from the owner or signer key)",
					Example:        fmt.Sprintf(`%s tx nodeselection submit-attestation 41 '{"operator":"xmtp1...","uptime_bps":9990,"work_units":1200}' '{"operator":"xmtp1...","uptime_bps":10000,"work_units":900}' --from signer`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cycle"}, {ProtoField: "observations", Varargs: true}}},
				{RpcMethod: "RecordViolation", Use: "record-violation <owner> <kind> <evidence>", Short: "Propose recording a violation against an operator",
					Example:        fmt.Sprintf(`%s tx nodeselection record-violation xmtp1... VIOLATION_KIND_OUTDATED_VERSION "ran v0.9 after the deadline" --from gov-key`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "kind"}, {ProtoField: "evidence"}}, GovProposal: true},
				{RpcMethod: "ExcuseViolation", Use: "excuse-violation <owner> <violation-id>", Short: "Propose excusing a recorded violation",
					Example:        fmt.Sprintf("%s tx nodeselection excuse-violation xmtp1... 7 --from gov-key", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "violation_id"}}, GovProposal: true},
				{RpcMethod: "Unjail", Use: "unjail", Short: "Return a jailed operator to the end of the queue (after jail_duration, stake >= min_stake)",
					Example: fmt.Sprintf("%s tx nodeselection unjail --from operator", app)},
				{RpcMethod: "UpdateParams", Skip: true, // decimals in nested JSON: use `xmtpd tx authority`
					Use: "update-params-proposal <params>", Short: "Propose new x/nodeselection parameters (all fields must be given)",
					Example:        fmt.Sprintf(`%s tx nodeselection update-params-proposal '{"cycle_duration":"43200s","active_set_size":10,...}' --from gov-key`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}}, GovProposal: true},
			},
		},
	}
}
