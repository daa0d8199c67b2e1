// Package attester turns a cycle's probe counts into one MsgSubmitAttestation
// and sees it into a block: the chain is asked first (a simulation: is this
// operator's attestation for the cycle already there?), the signed
// transaction is written to the state directory before it is broadcast, it is
// re-broadcast unchanged while pending, and it is confirmed by its hash. A
// second transaction is signed only when the first can no longer be included
// (past its timeout height) or was refused.
package attester

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"

	"github.com/xmtp/xmtpd-chain/operator/chain"
	"github.com/xmtp/xmtpd-chain/operator/metrics"
	"github.com/xmtp/xmtpd-chain/operator/prober"
	"github.com/xmtp/xmtpd-chain/operator/store"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Attester submits the attestations of one operator.
type Attester struct {
	Chain         chain.Client
	Store         *store.Store
	Owner         string
	TimeoutBlocks int64
	Log           *slog.Logger
	Metrics       *metrics.Metrics
}

// Observations are the attestation's observations: every peer probed at
// least once in the cycle, in address order; the operator itself is left out.
func Observations(cy *store.Cycle, owner string) []nstypes.Observation {
	var out []nstypes.Observation
	for peer, p := range cy.Peers {
		if peer == owner || p.Probes == 0 {
			continue
		}
		out = append(out, nstypes.Observation{Operator: peer, UptimeBps: prober.UptimeBps(p.Answered, p.Probes), WorkUnits: p.Work})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Operator < out[j].Operator })
	return out
}

// Done reports whether the cycle needs nothing more.
func Done(cy *store.Cycle) bool {
	return cy.Status == store.StatusConfirmed || cy.Status == store.StatusAbandoned
}

// Step moves the attestation of cycle c one step on; call it again (next
// poll) until Done. An error means "try again later".
func (a *Attester) Step(ctx context.Context, c uint64) error {
	cy, err := a.Store.Get(c)
	if err != nil {
		return err
	}
	switch cy.Status {
	case store.StatusConfirmed, store.StatusAbandoned:
		return nil
	case store.StatusPending:
		return a.follow(ctx, cy)
	}
	return a.send(ctx, cy)
}

func (a *Attester) set(c uint64, status, note string, fn func(*store.Cycle)) error {
	_, err := a.Store.Update(c, func(cy *store.Cycle) error {
		cy.Status, cy.Note = status, note
		if fn != nil {
			fn(cy)
		}
		if status != store.StatusPending {
			cy.TxBytes = nil
		}
		return nil
	})
	return err
}

func (a *Attester) send(ctx context.Context, cy *store.Cycle) error {
	obs := Observations(cy, a.Owner)
	if len(obs) == 0 {
		a.Log.Info("attestation skipped: no peer was probed in the cycle", "cycle", cy.Cycle)
		return a.set(cy.Cycle, store.StatusAbandoned, "no peer probed", nil)
	}
	msg := &nstypes.MsgSubmitAttestation{Signer: a.Chain.Signer(), Cycle: cy.Cycle, Observations: obs}
	if err := a.Chain.Check(ctx, msg); err != nil {
		return a.verdict(cy.Cycle, "check", err)
	}
	h, err := a.Chain.Height(ctx)
	if err != nil {
		return err
	}
	signed, err := a.Chain.Sign(ctx, msg, h+a.TimeoutBlocks)
	if err != nil {
		a.Metrics.Failed.Inc()
		return a.verdict(cy.Cycle, "sign", err)
	}
	// Written before it leaves: a crash after the broadcast must not lead to a second transaction.
	if err := a.set(cy.Cycle, store.StatusPending, "", func(s *store.Cycle) {
		s.TxHash, s.TxBytes, s.TimeoutHeight = signed.Hash, signed.Bytes, h+a.TimeoutBlocks
		s.Attempts++
	}); err != nil {
		return err
	}
	if err := a.Chain.Broadcast(ctx, signed); err != nil {
		a.Metrics.Failed.Inc()
		return a.verdict(cy.Cycle, "broadcast", err)
	}
	a.Metrics.Submitted.Inc()
	a.Log.Info("attestation submitted", "cycle", cy.Cycle, "tx", signed.Hash, "observations", len(obs),
		"timeout_height", h+a.TimeoutBlocks, "uptime_bps", uptimes(obs))
	return nil
}

// verdict records what the chain's answer means for the cycle.
func (a *Attester) verdict(c uint64, step string, err error) error {
	switch {
	case errors.Is(err, chain.ErrDuplicate):
		a.Metrics.Confirmed.Inc()
		a.Log.Info("attestation confirmed: the chain already holds it", "cycle", c, "step", step)
		return a.set(c, store.StatusConfirmed, "already on chain", nil)
	case errors.Is(err, chain.ErrNotAttestable):
		a.Log.Warn("attestation abandoned: the chain does not accept it", "cycle", c, "step", step, "err", err)
		return a.set(c, store.StatusAbandoned, err.Error(), nil)
	}
	a.Log.Warn("attestation attempt failed, retrying", "cycle", c, "step", step, "err", err)
	if step == "broadcast" {
		if serr := a.set(c, store.StatusOpen, "", nil); serr != nil {
			return serr
		}
	}
	return fmt.Errorf("%s cycle %d: %w", step, c, err)
}

// follow waits for a pending transaction: confirmed when in a block with code
// 0; re-broadcast (same bytes, same hash) while it may still be included;
// open again once its timeout height has passed.
func (a *Attester) follow(ctx context.Context, cy *store.Cycle) error {
	st, err := a.Chain.Tx(ctx, cy.TxHash)
	if err != nil {
		return err
	}
	if st.Found {
		if st.Code == 0 {
			a.Metrics.Confirmed.Inc()
			a.Log.Info("attestation confirmed", "cycle", cy.Cycle, "tx", cy.TxHash, "height", st.Height)
			return a.set(cy.Cycle, store.StatusConfirmed, "included", nil)
		}
		a.Metrics.Failed.Inc()
		if v := chain.Classify("", 0, st.Log); v != nil {
			return a.verdict(cy.Cycle, "deliver", fmt.Errorf("%w: %s", v, st.Log))
		}
		a.Log.Warn("attestation failed in its block, retrying", "cycle", cy.Cycle, "tx", cy.TxHash, "code", st.Code, "log", st.Log)
		return a.set(cy.Cycle, store.StatusOpen, "", nil)
	}
	h, err := a.Chain.Height(ctx)
	if err != nil {
		return err
	}
	if h > cy.TimeoutHeight {
		a.Metrics.Failed.Inc()
		a.Log.Warn("attestation not included before its timeout height, signing again", "cycle", cy.Cycle, "tx", cy.TxHash, "timeout_height", cy.TimeoutHeight)
		return a.set(cy.Cycle, store.StatusOpen, "", nil)
	}
	if len(cy.TxBytes) > 0 {
		if err := a.Chain.Broadcast(ctx, chain.Signed{Hash: cy.TxHash, Bytes: cy.TxBytes}); err != nil {
			if errors.Is(err, chain.ErrDuplicate) || errors.Is(err, chain.ErrNotAttestable) {
				return a.verdict(cy.Cycle, "rebroadcast", err)
			}
			// Already in the mempool or already included (sequence used): wait for the lookup.
			return nil
		}
	}
	return nil
}

func uptimes(obs []nstypes.Observation) []uint32 {
	out := make([]uint32, len(obs))
	for i, o := range obs {
		out[i] = o.UptimeBps
	}
	return out
}
