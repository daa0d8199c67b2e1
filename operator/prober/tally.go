// Package prober measures the other members of the active set: one HTTPS
// health probe per peer per round, and the work counter of the local XMTP
// node. Counting and the uptime formula are pure functions, tested alone.
package prober

import (
	"math/bits"

	"github.com/xmtp/xmtpd-chain/operator/store"
)

// MaxUptimeBps is full uptime in basis points.
const MaxUptimeBps = 10000

// UptimeBps is 10000 * answered / probes, rounded down; 0 probes give 0 and
// answered is capped at probes (the integer formula of SPEC 11).
func UptimeBps(answered, probes uint64) uint32 {
	if probes == 0 {
		return 0
	}
	if answered > probes {
		answered = probes
	}
	// 128-bit product, exact for any counts; the quotient is at most 10000.
	hi, lo := bits.Mul64(answered, MaxUptimeBps)
	q, _ := bits.Div64(hi, lo, probes)
	return uint32(q)
}

// Count adds one probe of a peer to its tally.
func Count(p *store.Peer, answered bool) {
	p.Probes++
	if answered {
		p.Answered++
	}
}

// AddWork folds one reading of a peer's work counter into its tally: the
// first reading of a cycle is the baseline, later ones add their increase; a
// reading below the last means the counter restarted, and it counts whole.
func AddWork(p *store.Peer, reading uint64) {
	switch {
	case !p.WorkSeen:
		p.WorkSeen = true
	case reading >= p.WorkLast:
		p.Work += reading - p.WorkLast
	default:
		p.Work += reading
	}
	p.WorkLast = reading
}
