// Package system runs a real 4-validator xmtpd network on loopback and checks
// what only a multi-validator network can show: agreement on the app hash,
// liveness with one validator down, halt and catch-up with two down, block
// sync of a late joiner, telemetry and a governance software upgrade.
//
// One network is shared by the subtests, in order, to keep the package within
// a few minutes on two cores. Skipped with -short.
package system

import (
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const (
	cycle        = 10 * time.Second
	payoutPeriod = 3 * cycle
	votingPeriod = 15 * time.Second
	demoOps      = 12
)

// suite is the shared network and what the subtests learn along the way.
type suite struct {
	nw      *testchain.Network
	rec     *testchain.AppHashRecorder
	bin     string // -tags preibc: the release before IBC, does not know the system-test upgrade
	upBin   string // -tags systemtest: the release with IBC plus upgrades.SystemTestName
	home0   string // node0's home: admin, payer and op1..opN keys
	payer   string
	ops     []string
	funded  uint64 // cycle whose budget the first funding landed in
	haltEnd uint64 // cycle the chain jumped to after the two-down halt
}

func TestFourValidatorNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("system test: runs a 4-validator network of real xmtpd processes (skipped with -short)")
	}
	s := &suite{bin: testchain.Binary(t, "preibc"), upBin: testchain.Binary(t, "systemtest")}
	s.nw = testchain.NewNetwork(t, s.bin, 4,
		"--cycle-duration", cycle.String(), "--payout-period", payoutPeriod.String(),
		"--voting-period", votingPeriod.String(), "--operators", fmt.Sprint(demoOps))
	s.home0 = s.nw.Nodes[0].Home
	t.Cleanup(func() {
		if t.Failed() {
			for _, n := range s.nw.Nodes {
				t.Logf("---- %s log tail ----\n%s", n.Name(), n.LogTail(1500))
			}
		}
	})
	s.nw.StartAll(t)
	s.rec = s.nw.RecordAppHashes(700 * time.Millisecond)
	s.payer = s.nw.KeyAddress(t, "payer")
	for i := 1; i <= demoOps; i++ {
		s.ops = append(s.ops, s.nw.KeyAddress(t, fmt.Sprintf("op%d", i)))
	}

	for _, st := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"AgreementAcrossRotationAndSettlement", s.testAgreement},
		{"Telemetry", s.testTelemetry},
		{"OneValidatorDown", s.testOneDown},
		{"TwoValidatorsDownHaltAndCatchUp", s.testHalt},
		{"LateJoinerBlockSync", s.testLateJoiner},
		{"SoftwareUpgrade", s.testUpgrade},
	} {
		if !t.Run(st.name, st.run) {
			return // later steps depend on the state the failed one should have left
		}
	}
}

// node0 is the reference node; it is never stopped except by the upgrade.
func (s *suite) node0() *testchain.Node { return s.nw.Nodes[0] }

// cycleNow is the current cycle as node0 sees it.
func (s *suite) cycleNow(t testing.TB) uint64 {
	return uint64(activeSetAt(t, s.node0(), 0).Cycle)
}

// waitCycle waits until node0's current cycle is at least c; the limit is
// counted in blocks (span at one block a second), so a slow machine waits longer.
func (s *suite) waitCycle(t testing.TB, c uint64, span time.Duration) {
	t.Helper()
	s.node0().WaitBlocks(t, fmt.Sprintf("cycle %d", c), int64(span/time.Second)+10, func() bool {
		time.Sleep(time.Second) // each poll is a CLI process; keep the CPU for the nodes
		return s.cycleNow(t) >= c
	})
}

// checkAgreement checks the sampled app hashes and that every running node
// stores the same headers for the heights [from, to].
func (s *suite) checkAgreement(t *testing.T, from, to int64) {
	t.Helper()
	compared := s.rec.Check(t, s.node0())
	testchain.CheckHeaders(t, from, to, s.nw.Running()...)
	t.Logf("app hashes agree: %d heights sampled on 2+ nodes, headers %d..%d equal on %d nodes",
		compared, from, to, len(s.nw.Running()))
}

// testAgreement funds the reward pool and watches three cycle transitions
// with rotation and reward settlement while all four validators run.
func (s *suite) testAgreement(t *testing.T) {
	n0 := s.node0()
	res := n0.Tx(t, s.home0, "payer", "rewards", "fund-reward-pool", "50000000000uusdc")
	var txHeight int64
	_, err := fmt.Sscan(fmt.Sprint(res["height"]), &txHeight)
	require.NoError(t, err)
	s.funded = uint64(activeSetAt(t, n0, txHeight).Cycle)

	// ACT: three more boundaries; the funded cycle is settled at the second.
	s.waitCycle(t, s.funded+3, 6*cycle)

	// ASSERT: rotation at every boundary (one seat per cycle with 12
	// operators and 10 seats), settlement of the funded cycle, agreement.
	for c := s.funded; c < s.funded+2; c++ {
		a, b := cycleHistory(t, n0, c), cycleHistory(t, n0, c+1)
		require.Equal(t, 1, setChanges(a.Members, b.Members), "cycle %d -> %d must rotate exactly one seat", c, c+1)
		require.Equal(t, cycle, b.End.Sub(b.Start), "cycle %d lasted one cycle_duration", c+1)
	}
	recs := rewardRecords(t, n0, 0)
	r, ok := recs[s.funded]
	require.True(t, ok, "cycle %d (funded) is settled", s.funded)
	require.Equal(t, "50000000000", r.Budget.String(), "budget(c) is what the pool held at the end of c")
	requireConserved(t, r)
	require.True(t, r.TotalCredited.IsPositive(), "operators were credited for cycle %d", s.funded)
	s.checkAgreement(t, 1, n0.Height()-1)
}

// requireConserved checks R + backstop = credited + withheld + cap excess + dust (+ carried).
func requireConserved(t testing.TB, r rewardRecord) {
	t.Helper()
	in := z(r.Budget).Add(z(r.Backstop))
	out := z(r.TotalCredited).Add(z(r.TotalWithheld)).Add(z(r.TotalCapExcess)).Add(z(r.Dust)).Add(z(r.Carried))
	require.Equal(t, in.String(), out.String(), "cycle %d: budget+backstop must equal what was allocated", r.Cycle)
}

func z(i sdkmath.Int) sdkmath.Int {
	if i.IsNil() {
		return sdkmath.ZeroInt()
	}
	return i
}

// testOneDown stops one validator (25% of the power): blocks, rotations and
// settlements go on; restarted, it catches up and agrees.
func (s *suite) testOneDown(t *testing.T) {
	n0, n3 := s.node0(), s.nw.Nodes[3]
	n3.Stop()
	h0 := n0.Height()
	c0 := s.cycleNow(t)

	s.waitCycle(t, c0+2, 6*cycle)

	// Every boundary on time: each ended cycle lasted exactly one cycle, and
	// the cycle that ended first while node3 was down has been settled.
	first, second := cycleHistory(t, n0, c0), cycleHistory(t, n0, c0+1)
	for _, rec := range []nsCycleRecord{first, second} {
		require.Equal(t, cycle, rec.End.Sub(rec.Start), "cycle %d ended on schedule with 3 of 4 validators", rec.Cycle)
	}
	require.Equal(t, 1, setChanges(first.Members, second.Members), "cycle %d -> %d rotated one seat", c0, c0+1)
	recs := rewardRecords(t, n0, 0)
	require.Contains(t, recs, c0, "cycle %d settled with 3 of 4 validators", c0)
	require.Equal(t, cycle, time.Duration(recs[c0].Duration))

	// Restart: node3 catches up through the blocks it missed.
	n3.Start(t)
	tip := n0.Height()
	n3.WaitHeight(t, tip, 90*time.Second)
	s.checkAgreement(t, h0-1, tip-1)
}

// testHalt stops two of four validators: the chain halts. Restarted after
// more than two scheduled boundaries, the chain makes ONE transition to the
// cycle that contains the block time, settles nothing twice and pays nobody
// twice.
func (s *suite) testHalt(t *testing.T) {
	n0 := s.node0()
	n2, n3 := s.nw.Nodes[2], s.nw.Nodes[3]
	// Halt early in a cycle: the first block after the restart carries a
	// time from the precommits made before the halt (BFT time), so a halt
	// just before a boundary would let that block cross it on its own.
	s.waitCycle(t, uint64(activeSetAt(t, n0, n0.Height()).Cycle)+1, 3*cycle)
	n2.Stop()
	n3.Stop()
	time.Sleep(3 * time.Second) // a block in flight may still commit
	hHalt := n0.Height()
	before := activeSetAt(t, n0, hHalt)

	// Wait past two more scheduled boundaries; no block may commit meanwhile.
	resumeAfter := before.NextBoundary.Add(2*cycle + 2*time.Second)
	time.Sleep(time.Until(resumeAfter))
	require.Equal(t, hHalt, n0.Height(), "with 2 of 4 validators down the chain must halt")
	require.Equal(t, hHalt, s.nw.Nodes[1].Height())

	// ACT: restart both.
	n2.Start(t)
	n3.Start(t)
	n0.WaitHeight(t, hHalt+3, 120*time.Second)

	// ASSERT: one transition, from the halted cycle straight to the cycle of
	// the first block's time.
	hT := int64(0)
	for h := hHalt + 1; h <= hHalt+3; h++ {
		if uint64(activeSetAt(t, n0, h).Cycle) != uint64(before.Cycle) {
			hT = h
			break
		}
	}
	require.NotZero(t, hT, "the first blocks after the halt process the boundary")
	require.Equal(t, before.Cycle, activeSetAt(t, n0, hT-1).Cycle)
	after := activeSetAt(t, n0, hT)
	jump := uint64(after.Cycle) - uint64(before.Cycle)
	require.GreaterOrEqual(t, jump, uint64(3), "the cycle number jumps over every missed boundary")
	stretched := cycleHistory(t, n0, uint64(before.Cycle))
	require.Equal(t, time.Duration(jump)*cycle, stretched.End.Sub(stretched.Start),
		"the halted cycle spans every scheduled cycle it covered")
	s.haltEnd = uint64(after.Cycle)
	t.Logf("halted at height %d in cycle %d; resumed at height %d in cycle %d (one transition over %d cycles)",
		hHalt, before.Cycle, hT, after.Cycle, jump)

	// Two more boundaries: the stretched cycle and the one after are settled.
	s.waitCycle(t, s.haltEnd+2, 6*cycle)
	snap := n0.Height()
	recs := rewardRecords(t, n0, snap)
	require.Contains(t, recs, uint64(before.Cycle))
	require.Equal(t, time.Duration(jump)*cycle, time.Duration(recs[uint64(before.Cycle)].Duration))
	for c := uint64(before.Cycle) + 1; c < s.haltEnd; c++ {
		require.NotContains(t, recs, c, "cycle %d was skipped by the halt and must have no record", c)
	}
	for _, r := range recs {
		requireConserved(t, r)
	}
	s.requireNobodyPaidTwice(t, snap, recs)
	s.checkAgreement(t, hHalt-1, snap-1)
}

// requireNobodyPaidTwice checks, at one height, for every demo operator:
// USDC received = Σ payout entries sent to it, and Σ credited over all
// cycle records = Σ paid out + payable. A cycle settled twice or a payout
// sent twice breaks one of the two.
func (s *suite) requireNobodyPaidTwice(t *testing.T, h int64, recs map[uint64]rewardRecord) {
	n0 := s.node0()
	pays := payouts(t, n0, h)
	require.NotEmpty(t, pays, "payout_period %s has passed several times", payoutPeriod)
	periods := map[uint64]bool{}
	paid := map[string]sdkmath.Int{}
	for _, p := range pays {
		require.False(t, periods[uint64(p.Period)], "period %d paid out twice", p.Period)
		periods[uint64(p.Period)] = true
		for _, e := range p.Entries {
			if e.Sent {
				paid[e.Address] = z(paid[e.Address]).Add(z(e.Amount))
			}
		}
	}
	credited := map[string]sdkmath.Int{}
	for _, r := range recs {
		for _, m := range r.Members {
			credited[m.Owner] = z(credited[m.Owner]).Add(z(m.Credited))
		}
	}
	total := sdkmath.ZeroInt()
	for _, op := range s.ops {
		bal := usdcBalance(t, n0, op, h)
		require.Equal(t, z(paid[op]).String(), bal.String(), "%s: USDC balance = what the payouts sent it", op)
		require.Equal(t, z(credited[op]).String(), z(paid[op]).Add(payable(t, n0, op, h)).String(),
			"%s: Σ credited = Σ paid + payable", op)
		total = total.Add(bal)
	}
	require.True(t, total.IsPositive(), "operators were paid")
}

// testLateJoiner starts a non-validator node from genesis; it block-syncs
// from the validators and agrees on every app hash.
func (s *suite) testLateJoiner(t *testing.T) {
	n0 := s.node0()
	n4 := s.nw.AddFullNode(t, s.bin)
	n4.Start(t)
	tip := n0.Height()
	n4.WaitHeight(t, tip+2, 180*time.Second)
	s.checkAgreement(t, 1, tip)
	n4.Stop() // it would need the upgraded binary at the upgrade height
}
