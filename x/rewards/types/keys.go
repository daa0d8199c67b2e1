package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module and of its module account.
	ModuleName = "rewards"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes; each is used by exactly one collection.
var (
	ParamsKey         = collections.NewPrefix(0)
	ProgressKey       = collections.NewPrefix(1)
	UnassignedPoolKey = collections.NewPrefix(2)
	BudgetsKey        = collections.NewPrefix(3)
	AccountsKey       = collections.NewPrefix(4)
	PayeesKey         = collections.NewPrefix(5) // legacy: owners only (consensus version 1)
	CycleRecordsKey   = collections.NewPrefix(6)
	PayoutsKey        = collections.NewPrefix(7)
	CreditorsKey      = collections.NewPrefix(8)
	BudgetRecordsKey  = collections.NewPrefix(9)
	PayoutEntriesKey  = collections.NewPrefix(10)
	// PayeesByPeriodKey replaces PayeesKey (migration 1 -> 2).
	PayeesByPeriodKey = collections.NewPrefix(11)
	RecordEndsKey     = collections.NewPrefix(12)
	// OwnerRecordsKey is the derived (owner, cycle) index of every member
	// entry of the stored cycle records (migration 3 -> 4).
	OwnerRecordsKey = collections.NewPrefix(13)
)
