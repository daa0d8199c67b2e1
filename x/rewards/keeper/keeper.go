package keeper

import (
	"context"
	"time"

	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Keeper holds the x/rewards state: the pool, budgets, operator accounts and records.
type Keeper struct {
	cdc          codec.Codec
	storeService store.KVStoreService
	ak           types.AccountKeeper
	bk           types.BankKeeper
	nsk          types.NodeSelectionKeeper
	tk           types.TreasuryKeeper
	gk           types.GovKeeper
	authority    string

	Schema         collections.Schema
	Params         collections.Item[types.Params]
	Progress       collections.Item[types.ProgressState]
	UnassignedPool collections.Item[math.Int]
	Budgets        collections.Map[uint64, math.Int]
	Accounts       collections.Map[sdk.AccAddress, types.OperatorAccount]
	// Payees are the owners to pay, keyed (period credited, owner): a payout visits the periods before the running one.
	Payees       collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	CycleRecords collections.Map[uint64, types.CycleRecord]
	Payouts      collections.Map[uint64, types.PayoutRecord]
	// Creditors indexes every account with arrears by (arrears_since, owner): oldest debt first.
	Creditors collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// BudgetRecords keeps budget(c) as assigned, pruned with the cycle record (audit provenance).
	BudgetRecords collections.Map[uint64, math.Int]
	// PayoutEntries holds the entries of payout records: (payout id, owner).
	PayoutEntries collections.Map[collections.Pair[uint64, sdk.AccAddress], types.PayoutEntry]
	// RecordEnds holds each cycle record's end (unix nanos) so that pruning never decodes a record.
	RecordEnds collections.Map[uint64, int64]
	// OwnerRecords indexes every member entry of the stored cycle records by
	// (owner, cycle): an audit finds a member's previous record with one seek
	// instead of walking back over earlier records (records.go). Derived state:
	// written and pruned with the records, rebuilt by InitGenesis, built by
	// migration 3 -> 4, checked by an invariant.
	OwnerRecords collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// IBCFundings are the ICS-20 transfers that funded the pool (ibc_funding.go).
	IBCFundings   collections.Map[uint64, types.IBCFunding]
	IBCFundingSeq collections.Sequence
}

// NewKeeper builds the keeper; nsk is also the source of settled performance.
func NewKeeper(cdc codec.Codec, storeService store.KVStoreService, ak types.AccountKeeper, bk types.BankKeeper,
	nsk types.NodeSelectionKeeper, tk types.TreasuryKeeper, gk types.GovKeeper, authority string,
) *Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("the %s module account has not been set", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		cdc: cdc, storeService: storeService, ak: ak, bk: bk, nsk: nsk, tk: tk, gk: gk,
		authority:      authority,
		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Progress:       collections.NewItem(sb, types.ProgressKey, "progress", codec.CollValue[types.ProgressState](cdc)),
		UnassignedPool: collections.NewItem(sb, types.UnassignedPoolKey, "unassigned_pool", sdk.IntValue),
		Budgets:        collections.NewMap(sb, types.BudgetsKey, "budgets", collections.Uint64Key, sdk.IntValue),
		Accounts:       collections.NewMap(sb, types.AccountsKey, "accounts", sdk.AccAddressKey, codec.CollValue[types.OperatorAccount](cdc)),
		Payees: collections.NewKeySet(sb, types.PayeesByPeriodKey, "payees_by_period",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		CycleRecords: collections.NewMap(sb, types.CycleRecordsKey, "cycle_records", collections.Uint64Key, codec.CollValue[types.CycleRecord](cdc)),
		Payouts:      collections.NewMap(sb, types.PayoutsKey, "payouts", collections.Uint64Key, codec.CollValue[types.PayoutRecord](cdc)),
		Creditors: collections.NewKeySet(sb, types.CreditorsKey, "creditors",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		BudgetRecords: collections.NewMap(sb, types.BudgetRecordsKey, "budget_records", collections.Uint64Key, sdk.IntValue),
		RecordEnds:    collections.NewMap(sb, types.RecordEndsKey, "record_ends", collections.Uint64Key, collections.Int64Value),
		OwnerRecords: collections.NewKeySet(sb, types.OwnerRecordsKey, "owner_records",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		PayoutEntries: collections.NewMap(sb, types.PayoutEntriesKey, "payout_entries",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.PayoutEntry](cdc)),
	}
	k.IBCFundings = collections.NewMap(sb, types.IBCFundingsKey, "ibc_fundings", collections.Uint64Key, codec.CollValue[types.IBCFunding](cdc))
	k.IBCFundingSeq = collections.NewSequence(sb, types.IBCFundingSeqKey, "ibc_funding_seq")
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the module authority.
func (k *Keeper) GetAuthority() string { return k.authority }

// PayoutPeriod returns the payout_period parameter; x/nodeselection keeps its
// cycle_duration at most this long.
func (k *Keeper) PayoutPeriod(ctx context.Context) (time.Duration, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return p.PayoutPeriod, nil
}
