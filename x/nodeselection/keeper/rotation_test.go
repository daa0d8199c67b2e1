package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const cycle = 12 * time.Hour

// names maps members to the index of the owner in owners (1-based op numbers).
func names(f *fixture, owners []sdk.AccAddress, ms []types.Member) []int {
	idx := map[string]int{}
	for i, o := range owners {
		idx[f.str(o)] = i + 1
	}
	out := make([]int, len(ms))
	for i, m := range ms {
		out[i] = idx[m.Owner]
	}
	return out
}

// boundary runs the BeginBlocker of the first block at the start of cycle c.
func (f *fixture) boundary(c int) { f.at(genesisTime.Add(time.Duration(c) * cycle)) }

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestFullTurnover(t *testing.T) {
	// ARRANGE: 20 genesis operators, 10 seats, 200% a day with 12h cycles -> m = 10
	f, owners := genesisWithOperators(t, 20, func(p *types.Params) { p.MaxDailyTurnoverBps = 20000 })
	require.ElementsMatch(t, seq(1, 10), names(f, owners, f.state().Current))
	require.ElementsMatch(t, seq(11, 20), names(f, owners, f.state().Next))

	// ACT
	f.boundary(1)

	// ASSERT
	s := f.state()
	require.Equal(t, uint64(1), s.Cycle)
	require.ElementsMatch(t, seq(11, 20), names(f, owners, s.Current))
	require.ElementsMatch(t, seq(1, 10), names(f, owners, s.Next))
	rec, err := f.k.GetCycleRecord(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, uint32(10), rec.ScheduledOut)
	require.Zero(t, rec.ForcedOut)
	require.Equal(t, types.OPERATOR_STATUS_ELIGIBLE, f.operator(owners[0]).Status)
	require.Equal(t, types.OPERATOR_STATUS_ACTIVE, f.operator(owners[10]).Status)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventCycleStarted")
}

func TestStaggeredRotation(t *testing.T) {
	// ARRANGE: defaults (2000 bps, 12h) -> one seat per cycle
	f, owners := genesisWithOperators(t, 12, nil)
	require.ElementsMatch(t, seq(2, 11), names(f, owners, f.state().Next))

	// ACT + ASSERT: the window slides by one each cycle, oldest (then lowest queue position) out
	f.boundary(1)
	require.ElementsMatch(t, seq(2, 11), names(f, owners, f.state().Current))
	require.ElementsMatch(t, seq(3, 12), names(f, owners, f.state().Next))
	f.boundary(2)
	require.ElementsMatch(t, seq(3, 12), names(f, owners, f.state().Current))
	require.ElementsMatch(t, append(seq(4, 12), 1), names(f, owners, f.state().Next), "the queue wraps")
	rec, err := f.k.GetCycleRecord(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, uint32(1), rec.ScheduledOut)
}

func TestNoScheduledRotationWhenBudgetZero(t *testing.T) {
	f, owners := genesisWithOperators(t, 12, func(p *types.Params) { p.MaxDailyTurnoverBps = 0 })

	f.boundary(1)
	f.boundary(2)

	require.ElementsMatch(t, seq(1, 10), names(f, owners, f.state().Current))
	require.ElementsMatch(t, seq(1, 10), names(f, owners, f.state().Next))
}

func TestFairness(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n, k, bps  int
		m, windows int
	}{
		{"N20 K10 m1", 20, 10, 2000, 1, 2},
		{"N20 K10 m2", 20, 10, 4000, 2, 2},
		{"N20 K10 m10", 20, 10, 20000, 10, 3},
		{"N12 K6 m3", 12, 6, 10000, 3, 2},
		{"N30 K10 m5", 30, 10, 10000, 5, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: a stable pool, no forced removals
			f, owners := genesisWithOperators(t, tc.n, func(p *types.Params) {
				p.ActiveSetSize = uint32(tc.k)
				p.MaxDailyTurnoverBps = uint32(tc.bps)
			})
			require.Equal(t, uint32(tc.m), types.RotationBudget(uint32(tc.k), uint32(tc.bps), cycle))

			// ACT: run enough cycles for windows of every L up to 2 at every start
			total := tc.windows * 2 * tc.n / tc.m
			served := make([][]int, total) // served[c] = members of cycle c
			for c := 1; c <= total; c++ {
				f.boundary(c)
				rec, err := f.k.GetCycleRecord(f.ctx, uint64(c-1))
				require.NoError(t, err)
				served[c-1] = names(f, owners, rec.Members)
				require.Len(t, rec.Members, tc.k)
			}

			// ASSERT: every operator serves exactly K*L/m cycles of any N*L/m consecutive cycles
			for l := 1; l <= 2; l++ {
				w := tc.n * l / tc.m
				for start := 0; start+w <= total; start++ {
					count := map[int]int{}
					for c := start; c < start+w; c++ {
						for _, o := range served[c] {
							count[o]++
						}
					}
					for o := 1; o <= tc.n; o++ {
						require.Equal(t, tc.k*l/tc.m, count[o], "operator %d in window [%d,%d)", o, start, start+w)
					}
				}
			}
			// and no 24h window sees more than m*ceil(24h/cycle) scheduled rotations out
			for c := 0; c+2 <= total; c++ {
				r0, _ := f.k.GetCycleRecord(f.ctx, uint64(c))
				r1, _ := f.k.GetCycleRecord(f.ctx, uint64(c+1))
				require.LessOrEqual(t, int(r0.ScheduledOut+r1.ScheduledOut), tc.m*2)
			}
		})
	}
}

func TestHaltCatchUp(t *testing.T) {
	// ARRANGE
	f, owners := genesisWithOperators(t, 12, nil)
	next := names(f, owners, f.state().Next)

	// ACT: the chain was halted; the first block comes 3 days after genesis
	f.at(genesisTime.Add(72*time.Hour + 5*time.Minute))
	afterFirst := f.state()
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.BeginBlocker(f.ctx)) // the same block again

	// ASSERT
	s := f.state()
	require.Equal(t, afterFirst, s, "re-running BeginBlocker in the same block changes nothing")
	require.Empty(t, eventTypes(f.ctx))
	require.Equal(t, uint64(6), s.Cycle, "cycle 0 -> 6 after 72h with 12h cycles")
	require.Equal(t, genesisTime.Add(72*time.Hour), s.CycleStart)
	require.Equal(t, genesisTime.Add(84*time.Hour), s.NextBoundary)
	require.ElementsMatch(t, next, names(f, owners, s.Current), "exactly one transition")
	rec, err := f.k.GetCycleRecord(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, genesisTime, rec.Start)
	require.Equal(t, genesisTime.Add(72*time.Hour), rec.End, "the ended cycle spans the halt")
	for c := uint64(1); c <= 6; c++ {
		_, err := f.k.GetCycleRecord(f.ctx, c)
		require.Error(t, err, "no record for cycle %d", c)
	}
	require.Len(t, f.hooks.calls, 1)
	call := f.hooks.calls[0]
	require.Equal(t, uint64(6), call.NewCycle)
	require.Equal(t, uint64(0), call.Ended.Cycle)
	require.Equal(t, 72*time.Hour, call.Duration())
	require.Equal(t, genesisTime.Add(84*time.Hour), call.NextBoundary)
}

func TestBoundaryNotBeforeScheduledStart(t *testing.T) {
	f, _ := genesisWithOperators(t, 12, nil)

	f.at(genesisTime.Add(cycle - time.Nanosecond))
	require.Equal(t, uint64(0), f.state().Cycle)
	require.Empty(t, f.hooks.calls)

	f.at(genesisTime.Add(cycle))
	require.Equal(t, uint64(1), f.state().Cycle)
	require.Len(t, f.hooks.calls, 1)
}

func TestForcedOutAndRefill(t *testing.T) {
	// ARRANGE: op 2 (serving) and op 11 (announced) deregister
	f, owners := genesisWithOperators(t, 14, nil)
	for _, o := range []sdk.AccAddress{owners[1], owners[10]} {
		_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(o)})
		require.NoError(t, err)
	}

	// ACT
	f.boundary(1)

	// ASSERT: announced 2..11 minus {2, 11} plus the refill from the queue (12)
	s := f.state()
	require.ElementsMatch(t, []int{3, 4, 5, 6, 7, 8, 9, 10, 12}, names(f, owners, s.Current)[:9])
	require.Len(t, s.Current, 10)
	require.NotContains(t, names(f, owners, s.Current), 2)
	require.NotContains(t, names(f, owners, s.Current), 11)
	rec, err := f.k.GetCycleRecord(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, uint32(1), rec.ScheduledOut, "op 1 was rotated out by schedule")
	require.Equal(t, uint32(1), rec.ForcedOut, "op 2 left because it deregistered")
	require.Equal(t, types.OPERATOR_STATUS_LEAVING, f.operator(owners[1]).Status)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestWaitingPeriodHonoured(t *testing.T) {
	// ARRANGE: 5 seats, 3 genesis operators; a newcomer registers 1h after genesis
	f, _ := genesisWithOperators(t, 3, func(p *types.Params) { p.ActiveSetSize = 5 })
	f.at(genesisTime.Add(time.Hour))
	late := f.onboard(50)

	// ACT + ASSERT: not seated before its eligible_at (genesis + 25h)
	f.boundary(1)
	require.Len(t, f.state().Current, 3)
	f.boundary(2)
	require.Len(t, f.state().Current, 3)
	require.Equal(t, types.OPERATOR_STATUS_WAITING, f.operator(late).Status)
	f.at(genesisTime.Add(25 * time.Hour))
	require.Equal(t, types.OPERATOR_STATUS_ELIGIBLE, f.operator(late).Status, "waiting period ends in BeginBlocker")
	f.boundary(3)
	require.Len(t, f.state().Current, 4, "the empty seat is filled at once")
	require.Equal(t, types.OPERATOR_STATUS_ACTIVE, f.operator(late).Status)
}

func TestMinStakeRaiseSkipsButKeepsQueuePlace(t *testing.T) {
	// ARRANGE: op 11 tops up, then governance raises min_stake above everyone else
	f, owners := genesisWithOperators(t, 12, func(p *types.Params) { p.ActiveSetSize = 3 })
	f.fund(owners[10], 1)
	_, err := f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(owners[10]), Amount: sdk.NewInt64Coin(bond, 1)})
	require.NoError(t, err)
	p := types.DefaultParams()
	p.ActiveSetSize = 3
	p.MinStake = p.MinStake.AddRaw(1)
	_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)

	// ACT
	f.boundary(1)

	// ASSERT: only op 11 is eligible; the others keep their queue places
	require.Equal(t, []int{11}, names(f, owners, f.state().Current))
	q, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{})
	require.NoError(t, err)
	require.Len(t, q.Entries, 12)
	for _, e := range q.Entries {
		if e.Owner != f.str(owners[10]) {
			require.False(t, e.Eligible)
			require.Contains(t, e.Reason, "is below min_stake 100000000001uxmtp")
		}
	}
}
