package app

import (
	"encoding/json"
	"fmt"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// ValidateGenesisAcrossModules runs the checks of a genesis file that need
// more than one module's section: the cross-module param checks that
// MsgUpdateParams runs on a live chain, one bank balance entry per address,
// and the SPEC 9 balance invariants (escrow, rewards and treasury module
// accounts against their modules' state), and canonical addresses in the
// custom modules' state (SPEC 2). `xmtpd genesis validate` and
// InitChain both run it; every error names the genesis field.
func ValidateGenesisAcrossModules(cdc codec.JSONCodec, state map[string]json.RawMessage) error {
	var bank banktypes.GenesisState
	var ns nstypes.GenesisState
	var rw rewardstypes.GenesisState
	var tr treasurytypes.GenesisState
	for name, into := range map[string]interface{ Reset() }{
		banktypes.ModuleName: &bank, nstypes.ModuleName: &ns, rewardstypes.ModuleName: &rw, treasurytypes.ModuleName: &tr,
	} {
		raw, ok := state[name]
		if !ok {
			return fmt.Errorf("app_state.%s is missing", name)
		}
		if err := cdc.UnmarshalJSON(raw, into.(codec.ProtoMarshaler)); err != nil {
			return fmt.Errorf("app_state.%s: %w", name, err)
		}
	}
	if err := checkGenesisAddresses(bank, ns, rw, tr); err != nil {
		return err
	}
	if err := checkGenesisParams(bank, ns.Params, rw.Params); err != nil {
		return err
	}
	held, err := genesisBalances(bank)
	if err != nil {
		return err
	}
	// The funding address never holds a coin (SPEC 10; x/rewards FundingSendRestriction).
	if fa := rewardstypes.FundingAddress().String(); !held[fa].IsZero() {
		return rewardstypes.ErrInvalidGenesis.Wrapf("app_state.bank.balances: the x/rewards funding address %s holds %s; "+
			"it may hold nothing (coins there could never leave)", fa, held[fa])
	}
	return checkGenesisModuleBalances(held, ns, rw, tr)
}

// checkGenesisAddresses requires every address field of the custom modules'
// state (and of the bank balances, which are indexed by address below) to be
// canonical (SPEC 2); the error names the field path.
func checkGenesisAddresses(bank banktypes.GenesisState, ns nstypes.GenesisState, rw rewardstypes.GenesisState, tr treasurytypes.GenesisState) error {
	c := NewCanonicalAddresses()
	for _, s := range []struct {
		path string
		msg  codec.ProtoMarshaler
	}{
		{"app_state." + nstypes.ModuleName, &ns},
		{"app_state." + rewardstypes.ModuleName, &rw},
		{"app_state." + treasurytypes.ModuleName, &tr},
		{"app_state." + banktypes.ModuleName, &bank},
	} {
		if err := c.Check(s.path, s.msg); err != nil {
			return err
		}
	}
	return nil
}

// checkGenesisParams are the param checks that read another module's state.
func checkGenesisParams(bank banktypes.GenesisState, ns nstypes.Params, rw rewardstypes.Params) error {
	if err := rw.ValidateAgainstCycle(ns.CycleDuration); err != nil {
		return fmt.Errorf("app_state.rewards.params.payout_period: %w", err)
	}
	if !rewardstypes.IsIBCDenom(rw.RewardDenom) { // the rule MsgUpdateParams applies
		found := false
		for _, m := range bank.DenomMetadata {
			found = found || m.Base == rw.RewardDenom
		}
		if !found {
			return rewardstypes.ErrInvalidParams.Wrapf("app_state.rewards.params.reward_denom %q has no entry in app_state.bank.denom_metadata and is not an ibc/<hash> denom", rw.RewardDenom)
		}
	}
	return nil
}

// genesisBalances indexes the bank balances by address; a second entry for
// the same address is an error (the node would keep only one of them).
func genesisBalances(bank banktypes.GenesisState) (map[string]sdk.Coins, error) {
	held := make(map[string]sdk.Coins, len(bank.Balances))
	for i, b := range bank.Balances {
		if _, dup := held[b.Address]; dup {
			return nil, fmt.Errorf("app_state.bank.balances[%d]: address %s has a second balance entry; merge them into one", i, b.Address)
		}
		held[b.Address] = b.Coins
	}
	return held, nil
}

// checkGenesisModuleBalances compares the module accounts' genesis balances
// with what their modules' state says they must hold (SPEC 9).
func checkGenesisModuleBalances(held map[string]sdk.Coins, ns nstypes.GenesisState, rw rewardstypes.GenesisState, tr treasurytypes.GenesisState) error {
	stakes, unbonding, votes, voteUnbonding := sdkmath.ZeroInt(), sdkmath.ZeroInt(), sdkmath.ZeroInt(), sdkmath.ZeroInt()
	for _, op := range ns.Operators {
		stakes = stakes.Add(op.Stake)
	}
	for _, u := range ns.Unbondings {
		unbonding = unbonding.Add(u.Amount)
	}
	for _, v := range ns.Votes {
		votes = votes.Add(v.Amount)
	}
	for _, u := range ns.VoteUnbondings {
		voteUnbonding = voteUnbonding.Add(u.Amount)
	}
	escrow := authtypes.NewModuleAddress(nstypes.ModuleName).String()
	if have, want := held[escrow].AmountOf(ns.Params.BondDenom), stakes.Add(unbonding).Add(votes).Add(voteUnbonding); !have.Equal(want) {
		return nstypes.ErrInvalidGenesis.Wrapf("app_state.bank.balances: the nodeselection escrow %s holds %s%s, but app_state.nodeselection "+
			"operators' stakes %s + unbondings %s + votes %s + vote_unbondings %s = %s%s", escrow, have, ns.Params.BondDenom,
			stakes, unbonding, votes, voteUnbonding, want, ns.Params.BondDenom)
	}

	payable, budgets := sdkmath.ZeroInt(), sdkmath.ZeroInt()
	for _, a := range rw.Accounts {
		payable = payable.Add(a.Payable)
	}
	for _, b := range rw.Budgets {
		budgets = budgets.Add(b.Amount)
	}
	pool := rw.UnassignedPool
	if pool.IsNil() {
		pool = sdkmath.ZeroInt()
	}
	rewardsAddr := authtypes.NewModuleAddress(rewardstypes.ModuleName).String()
	denom := rw.Params.RewardDenom
	if have, want := held[rewardsAddr].AmountOf(denom), payable.Add(pool).Add(budgets); !have.Equal(want) {
		return rewardstypes.ErrInvalidGenesis.Wrapf("app_state.bank.balances: the rewards module account %s holds %s%s, but app_state.rewards "+
			"payable %s + unassigned_pool %s + budgets %s = %s%s", rewardsAddr, have, denom, payable, pool, budgets, want, denom)
	}

	buckets := sdk.NewCoins()
	for _, b := range tr.Buckets {
		buckets = buckets.Add(b.Coins...)
	}
	auction := sdk.NewCoins()
	if a := tr.Auction; a != nil {
		auction = auction.Add(a.Lot...)
		if a.HighestBid.IsValid() && a.HighestBid.IsPositive() {
			auction = auction.Add(a.HighestBid)
		}
	}
	want := buckets.Add(auction...)
	treasuryAddr := authtypes.NewModuleAddress(treasurytypes.ModuleName).String()
	if have := held[treasuryAddr]; !have.Equal(want) {
		return treasurytypes.ErrInvalidGenesis.Wrapf("app_state.bank.balances: the treasury module account %s holds %q, but "+
			"app_state.treasury.buckets sum to %q and app_state.treasury.auction holds %q (lot and highest bid)", treasuryAddr, have.String(), buckets.String(), auction.String())
	}
	return nil
}
