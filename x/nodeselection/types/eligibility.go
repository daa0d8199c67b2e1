package types

import (
	"fmt"
	"time"
)

// IneligibleReason returns why an operator cannot take a seat at time now, or
// "" when it can (docs/protocol.md#operators): status WAITING, ELIGIBLE or ACTIVE, waiting period
// over, still holds its NFT, stake >= min_stake, and with require_node_key a
// node signing key in force (docs/protocol.md "Node registry").
func IneligibleReason(op Operator, holdsNFT bool, now time.Time, p Params) string {
	switch op.Status {
	case OPERATOR_STATUS_WAITING, OPERATOR_STATUS_ELIGIBLE, OPERATOR_STATUS_ACTIVE:
	case OPERATOR_STATUS_JAILED:
		return "jailed"
	case OPERATOR_STATUS_LEAVING:
		return "leaving"
	default:
		return fmt.Sprintf("status %s", op.Status)
	}
	if now.Before(op.EligibleAt) {
		return fmt.Sprintf("waiting period ends at %s", op.EligibleAt.UTC().Format(time.RFC3339))
	}
	if !holdsNFT {
		return fmt.Sprintf("no longer holds %s", op.NftId)
	}
	if op.Stake.LT(p.MinStake) {
		return fmt.Sprintf("stake %s%s is below min_stake %s%s", op.Stake, p.BondDenom, p.MinStake, p.BondDenom)
	}
	if p.RequireNodeKey && len(op.SigningPublicKey) == 0 {
		return "no node signing key (require_node_key)"
	}
	return ""
}

// EligibleIgnoringNFT reports whether every condition of IneligibleReason
// other than holding the NFT holds, without building a reason: the rotation
// asks this of every queue entry it scans. Eligible = EligibleIgnoringNFT
// and holdsNFT, exactly when IneligibleReason returns "".
func EligibleIgnoringNFT(op Operator, now time.Time, p Params) bool {
	switch op.Status {
	case OPERATOR_STATUS_WAITING, OPERATOR_STATUS_ELIGIBLE, OPERATOR_STATUS_ACTIVE:
	default:
		return false
	}
	return !now.Before(op.EligibleAt) && !op.Stake.LT(p.MinStake) && (!p.RequireNodeKey || len(op.SigningPublicKey) > 0)
}
