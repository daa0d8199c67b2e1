package keeper

import (
	"context"
	"encoding/binary"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// maxRecordsPage bounds one page of CycleRecords.
const maxRecordsPage = 200

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/rewards Query service.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// Params returns the params.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	return &types.QueryParamsResponse{Params: p, FundingAddress: types.FundingAddress().String()}, err
}

// Pool returns the unassigned pool, the budgets awaiting settlement and the module balance.
func (q queryServer) Pool(ctx context.Context, _ *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryPoolResponse{Denom: p.RewardDenom}
	if res.Unassigned, err = q.k.getUnassigned(ctx); err != nil {
		return nil, err
	}
	err = q.k.Budgets.Walk(ctx, nil, func(c uint64, amt math.Int) (bool, error) {
		res.Budgets = append(res.Budgets, types.Budget{Cycle: c, Amount: amt})
		return false, nil
	})
	res.ModuleBalance = q.k.bk.GetBalance(ctx, q.k.ak.GetModuleAddress(types.ModuleName), p.RewardDenom).Amount
	return res, err
}

// Earnings returns an operator's payable, arrears, C_i, E_i, cap headroom and withholding.
func (q queryServer) Earnings(ctx context.Context, req *types.QueryEarningsRequest) (*types.QueryEarningsResponse, error) {
	owner, err := sdk.AccAddressFromBech32(req.Owner)
	if err != nil {
		return nil, types.ErrInvalidAmount.Wrapf("owner %q is not a valid address: %s", req.Owner, err)
	}
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	prog, err := q.k.getProgress(ctx)
	if err != nil {
		return nil, err
	}
	acct, err := q.k.getAccount(ctx, owner)
	if err != nil {
		return nil, err
	}
	if acct.Period != prog.Period { // trackers of an earlier period read as zero
		acct.PeriodCosts, acct.PeriodEarnings, acct.Period = math.ZeroInt(), math.ZeroInt(), prog.Period
	}
	res := &types.QueryEarningsResponse{
		Period: prog.Period, PeriodStart: prog.PeriodStart, Account: acct,
		CapHeadroom: math.MaxInt(math.ZeroInt(), p.ProfitCap.MulInt(acct.PeriodCosts).TruncateInt().Sub(acct.PeriodEarnings)),
	}
	if op, err := q.k.nsk.GetOperator(ctx, owner); err == nil {
		res.WithholdBps = nodeselectiontypes.EffectivePenalty(op.Penalty, sdk.UnwrapSDKContext(ctx).BlockTime()).WithholdBps
	}
	return res, nil
}

// CycleRecords lists stored records with from <= cycle <= to (to 0: no bound).
// The page key is the next cycle number (8 bytes, big endian).
func (q queryServer) CycleRecords(ctx context.Context, req *types.QueryCycleRecordsRequest) (*types.QueryCycleRecordsResponse, error) {
	lo, hi, limit := req.From, req.To, uint64(100)
	reverse := req.Pagination != nil && req.Pagination.Reverse
	if req.Pagination != nil {
		if len(req.Pagination.Key) == 8 {
			// The key is the next cycle to return, walking up (or down when reversed).
			if key := binary.BigEndian.Uint64(req.Pagination.Key); reverse {
				hi = key
			} else {
				lo = key
			}
		}
		if req.Pagination.Limit > 0 {
			limit = min(req.Pagination.Limit, maxRecordsPage)
		}
	}
	rng := new(collections.Range[uint64]).StartInclusive(lo)
	if hi > 0 || (reverse && req.Pagination != nil && len(req.Pagination.Key) == 8) {
		if hi < lo {
			return &types.QueryCycleRecordsResponse{}, nil
		}
		rng = rng.EndInclusive(hi)
	}
	if reverse {
		rng = rng.Descending()
	}
	iter, err := q.k.CycleRecords.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	res := &types.QueryCycleRecordsResponse{Pagination: &query.PageResponse{}}
	for ; iter.Valid(); iter.Next() {
		rec, err := iter.Value()
		if err != nil {
			return nil, err
		}
		if uint64(len(res.Records)) == limit {
			res.Pagination.NextKey = binary.BigEndian.AppendUint64(nil, rec.Cycle)
			break
		}
		res.Records = append(res.Records, rec)
	}
	return res, nil
}

// Payouts lists payout records by id.
func (q queryServer) Payouts(ctx context.Context, req *types.QueryPayoutsRequest) (*types.QueryPayoutsResponse, error) {
	recs, page, err := query.CollectionPaginate(ctx, q.k.Payouts, req.Pagination,
		func(id uint64, _ types.PayoutRecord) (types.PayoutRecord, error) {
			return q.k.payoutWithEntries(ctx, id)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryPayoutsResponse{Payouts: recs, Pagination: page}, nil
}
