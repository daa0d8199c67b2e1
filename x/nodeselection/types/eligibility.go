package types

import (
	"fmt"
	"time"
)

// ineligibility is the first eligibility condition an operator fails, in the
// order IneligibleReason reports them.
type ineligibility int

const (
	isEligible ineligibility = iota
	failsStatus
	failsWaitingPeriod
	failsNFT
	failsStake
	failsNodeKey
)

// checkEligibility is the one statement of the eligibility rule
// (docs/protocol.md#operators): status WAITING, ELIGIBLE or ACTIVE, waiting
// period over, still holds its NFT, stake >= min_stake, and with
// require_node_key a node signing key in force (docs/protocol.md "Node
// registry"). It builds no text, so the rotation can ask it of every queue
// entry it scans.
func checkEligibility(op Operator, holdsNFT bool, now time.Time, p Params) ineligibility {
	switch op.Status {
	case OPERATOR_STATUS_WAITING, OPERATOR_STATUS_ELIGIBLE, OPERATOR_STATUS_ACTIVE:
	default:
		return failsStatus
	}
	switch {
	case now.Before(op.EligibleAt):
		return failsWaitingPeriod
	case !holdsNFT:
		return failsNFT
	case op.Stake.LT(p.MinStake):
		return failsStake
	case p.RequireNodeKey && len(op.SigningPublicKey) == 0:
		return failsNodeKey
	}
	return isEligible
}

// IneligibleReason returns why an operator cannot take a seat at time now, or
// "" when it can (checkEligibility).
func IneligibleReason(op Operator, holdsNFT bool, now time.Time, p Params) string {
	switch checkEligibility(op, holdsNFT, now, p) {
	case failsStatus:
		switch op.Status {
		case OPERATOR_STATUS_JAILED:
			return "jailed"
		case OPERATOR_STATUS_LEAVING:
			return "leaving"
		}
		return fmt.Sprintf("status %s", op.Status)
	case failsWaitingPeriod:
		return fmt.Sprintf("waiting period ends at %s", op.EligibleAt.UTC().Format(time.RFC3339))
	case failsNFT:
		return fmt.Sprintf("no longer holds %s", op.NftId)
	case failsStake:
		return fmt.Sprintf("stake %s%s is below min_stake %s%s", op.Stake, p.BondDenom, p.MinStake, p.BondDenom)
	case failsNodeKey:
		return "no node signing key (require_node_key)"
	}
	return ""
}

// EligibleIgnoringNFT reports whether every condition of the eligibility rule
// other than holding the NFT holds: the rotation asks it first and reads the
// NFT's holder only when it does. Eligible = EligibleIgnoringNFT and
// holdsNFT, exactly when IneligibleReason returns "".
func EligibleIgnoringNFT(op Operator, now time.Time, p Params) bool {
	return checkEligibility(op, true, now, p) == isEligible
}
