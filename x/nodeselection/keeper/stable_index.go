package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// stableIndex is an operator index that leaves its entry alone when an
// update does not change the entry's reference key. collections' indexes
// delete and rewrite their entry on every Set of the record, so an
// AddStake or a new endpoint rewrote the NFT, status and signer entries
// unchanged: three deletes and three writes, gas and IAVL leaves that hash
// again at commit (docs/benchmarks.md, throughput). A changed key, a new
// record and a removal go to the index as before.
type stableIndex[RK comparable] struct {
	collections.Index[sdk.AccAddress, types.Operator]
	refKey func(sdk.AccAddress, types.Operator) (RK, error)
}

// Reference implements collections.Index.
func (s stableIndex[RK]) Reference(ctx context.Context, pk sdk.AccAddress, newValue types.Operator, lazyOldValue func() (types.Operator, error)) error {
	old, err := lazyOldValue()
	if err == nil {
		before, errBefore := s.refKey(pk, old)
		after, errAfter := s.refKey(pk, newValue)
		if errBefore == nil && errAfter == nil && before == after {
			return nil
		}
	}
	return s.Index.Reference(ctx, pk, newValue, func() (types.Operator, error) { return old, err })
}

// The reference keys of the operator indexes.
func operatorNFTKey(_ sdk.AccAddress, op types.Operator) (string, error) { return op.NftId, nil }
func operatorStatusKey(_ sdk.AccAddress, op types.Operator) (int32, error) {
	return int32(op.Status), nil
}
func operatorSignerKey(_ sdk.AccAddress, op types.Operator) (string, error) { return op.Signer, nil }
