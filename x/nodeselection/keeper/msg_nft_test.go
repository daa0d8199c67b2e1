package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestIssueOperatorNFT(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	a, b := addr(1), addr(2)

	// ACT
	id1, id2 := f.issue(a), f.issue(b)

	// ASSERT
	require.Equal(t, "op-1", id1)
	require.Equal(t, "op-2", id2)
	require.True(t, f.nft.GetOwner(f.ctx, types.NFTClassID, "op-2").Equals(b))
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventOperatorNFTIssued")
}

func TestIssueOperatorNFTRejects(t *testing.T) {
	f := newFixture(t, nil)
	a := addr(1)
	f.issue(a)
	cases := []struct {
		name string
		msg  *types.MsgIssueOperatorNFT
		err  *errorsmod.Error
		text string
	}{
		{"non-authority", &types.MsgIssueOperatorNFT{Authority: f.str(a), Recipient: f.str(addr(2))}, sdkerrors.ErrUnauthorized, "invalid authority"},
		{"bad recipient", &types.MsgIssueOperatorNFT{Authority: f.authority, Recipient: "xmtp1nope"}, types.ErrInvalidAddress, "recipient"},
		{"recipient holds one", &types.MsgIssueOperatorNFT{Authority: f.authority, Recipient: f.str(a)}, types.ErrAlreadyHoldsNFT, "at most 1 allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(a, addr(2))
			_, err := f.msg.IssueOperatorNFT(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.text)
			require.Equal(t, before, f.snapshot(a, addr(2)))
			require.False(t, f.nft.HasNFT(f.ctx, types.NFTClassID, "op-2"))
		})
	}
}

func TestRevokeOperatorNFT(t *testing.T) {
	// ARRANGE: a registered holder and an unregistered one
	f := newFixture(t, nil)
	a := f.onboard(1)
	b := addr(2)
	f.issue(b)

	// ACT
	_, errA := f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.authority, NftId: "op-1", Reason: "misconduct"})
	_, errB := f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.authority, NftId: "op-2"})

	// ASSERT
	require.NoError(t, errA)
	require.NoError(t, errB)
	require.False(t, f.nft.HasNFT(f.ctx, types.NFTClassID, "op-1"))
	require.False(t, f.nft.HasNFT(f.ctx, types.NFTClassID, "op-2"))
	op := f.operator(a)
	require.Equal(t, types.OPERATOR_STATUS_LEAVING, op.Status)
	require.Zero(t, op.QueueSeq)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	before := f.snapshot(a, b)
	_, err := f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.authority, NftId: "op-1"})
	require.ErrorIs(t, err, types.ErrNFTNotFound)
	f.issue(b)
	before = f.snapshot(a, b)
	_, err = f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.str(b), NftId: "op-3"})
	require.ErrorIs(t, err, sdkerrors.ErrUnauthorized)
	require.Equal(t, before, f.snapshot(a, b))
}

func TestTransferOperatorNFT(t *testing.T) {
	f := newFixture(t, nil)
	a, b, c := addr(1), addr(2), addr(3)
	f.issue(a)
	f.onboard(4) // op-2, registered

	_, err := f.msg.TransferOperatorNFT(f.ctx, &types.MsgTransferOperatorNFT{Authority: f.authority, NftId: "op-1", NewOwner: f.str(b)})

	require.NoError(t, err)
	require.True(t, f.nft.GetOwner(f.ctx, types.NFTClassID, "op-1").Equals(b))

	f.issue(c) // op-3
	cases := []struct {
		name string
		msg  *types.MsgTransferOperatorNFT
		err  error
	}{
		{"holder registered", &types.MsgTransferOperatorNFT{Authority: f.authority, NftId: "op-2", NewOwner: f.str(a)}, types.ErrHolderRegistered},
		{"recipient holds one", &types.MsgTransferOperatorNFT{Authority: f.authority, NftId: "op-1", NewOwner: f.str(c)}, types.ErrAlreadyHoldsNFT},
		{"unknown NFT", &types.MsgTransferOperatorNFT{Authority: f.authority, NftId: "op-9", NewOwner: f.str(a)}, types.ErrNFTNotFound},
		{"non-authority", &types.MsgTransferOperatorNFT{Authority: f.str(b), NftId: "op-1", NewOwner: f.str(a)}, sdkerrors.ErrUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(a, b, c)
			_, err := f.msg.TransferOperatorNFT(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, before, f.snapshot(a, b, c))
		})
	}
}
