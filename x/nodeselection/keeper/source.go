package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/addrcache"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// opView is what eligibility depends on: the record and the NFT's holder.
type opView struct {
	addr   sdk.AccAddress
	op     types.Operator
	found  bool
	holder sdk.AccAddress
	// holderRead: holder has been read (Reason reads it when it matters).
	holderRead bool
}

// storeSource is the store-backed types.RotationSource. Its memo lives for
// one call (one boundary or one query), never across blocks.
type storeSource struct {
	ctx    context.Context
	k      *Keeper
	params types.Params
	now    time.Time
	memo   map[string]opView
	runs   []*queueRun
	// readAhead is how many queue entries a scan reads past where it stopped
	// (queue_cache.go); 0 on every consensus path.
	readAhead int
}

func (k *Keeper) newSource(ctx context.Context, params types.Params, now time.Time) *storeSource {
	return &storeSource{ctx: ctx, k: k, params: params, now: now, memo: map[string]opView{}}
}

func (s *storeSource) view(owner string) (opView, error) {
	if v, ok := s.memo[owner]; ok {
		return v, nil
	}
	addr, err := storedAddr(owner)
	if err != nil {
		return opView{}, err
	}
	op, err := s.k.Operators().Get(s.ctx, addr)
	v := opView{addr: addr}
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return v, err
	default:
		v = opView{addr: addr, op: op, found: true}
	}
	s.memo[owner] = v
	return v, nil
}

// Reason returns why owner cannot take a seat now ("" when it can). The NFT
// holder is read only when the answer depends on it (not for an operator
// still in its waiting period, jailed or leaving), once per source.
func (s *storeSource) Reason(owner string) (string, error) {
	v, err := s.view(owner)
	if err != nil {
		return "", err
	}
	if !v.found {
		return "not registered", nil
	}
	if held := types.IneligibleReason(v.op, true, s.now, s.params); held == types.IneligibleReason(v.op, false, s.now, s.params) {
		return held, nil
	}
	if !v.holderRead {
		v.holder, v.holderRead = s.k.nk.GetOwner(s.ctx, types.NFTClassID, v.op.NftId), true
		s.memo[owner] = v
	}
	return types.IneligibleReason(v.op, v.holder.Equals(v.addr), s.now, s.params), nil
}

// Eligible implements types.RotationSource: Reason(owner) == "" without
// building the reason (the scans ask it of every entry). The NFT holder is
// read only when everything else holds.
func (s *storeSource) Eligible(owner string) (bool, error) {
	v, err := s.view(owner)
	if err != nil || !v.found || !types.EligibleIgnoringNFT(v.op, s.now, s.params) {
		return false, err
	}
	if !v.holderRead {
		v.holder, v.holderRead = s.k.nk.GetOwner(s.ctx, types.NFTClassID, v.op.NftId), true
		s.memo[owner] = v
	}
	return v.holder.Equals(v.addr), nil
}

// Weight implements types.RotationSource: floor((stake + votes / 2) * credit).
func (s *storeSource) Weight(owner string) (math.Int, error) {
	v, err := s.view(owner)
	if err != nil || !v.found {
		return math.ZeroInt(), err
	}
	votes, err := s.k.VoteTotal(s.ctx, v.addr)
	if err != nil {
		return math.ZeroInt(), err
	}
	return types.WeightWithVotes(v.op.Stake, votes, v.op.Credit), nil
}

// ScanQueue implements types.RotationSource.
func (s *storeSource) ScanQueue(from uint64, fn func(seq uint64, owner string) (bool, error)) error {
	return s.scanQueue(from, fn)
}

// sdkNow is the block time of ctx.
func sdkNow(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

// storedAddrs memoises storedAddr across blocks (a pure function of the string).
var storedAddrs = addrcache.New(0)

// storedAddr decodes an owner address that this module wrote to its own store
// (validated when it was accepted). It skips the SDK codec's format check,
// which in SDK v0.54 looks up the global config with two syscalls per call —
// the dominant cost of a Schedule query that replays many rotations.
func storedAddr(owner string) (sdk.AccAddress, error) {
	_, bz, err := storedAddrs.Decode(owner)
	if err != nil {
		return nil, fmt.Errorf("stored owner address %q: %w", owner, err)
	}
	return bz, nil
}
