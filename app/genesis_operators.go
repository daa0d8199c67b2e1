package app

import (
	"encoding/json"
	"fmt"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// GenesisOperator is an operator registered at genesis.
type GenesisOperator struct {
	Owner    sdk.AccAddress
	Stake    sdkmath.Int // in the bond denom; zero means min_stake
	Endpoint string
	Region   string
	Signer   string // default: owner
	Payout   string // default: owner
	// Moniker is the public name (optional).
	Moniker string
	// SigningPublicKey is the XMTP node's 33-byte compressed secp256k1 key
	// (optional). Genesis carries no proof of possession: whoever writes the
	// genesis file vouches for the key.
	SigningPublicKey []byte
}

// OperatorNFTClass is the contrib x/nft class of Node Operator NFTs.
func OperatorNFTClass() *nft.Class {
	return &nft.Class{
		Id:          nstypes.NFTClassID,
		Name:        "XMTP Node Operator",
		Symbol:      "XMTPOP",
		Description: "Non-transferable credential of a vetted XMTP node operator",
	}
}

// AddGenesisOperators registers operators in a genesis app state: for each it
// mints the next Node Operator NFT (op-N) in the x/nft genesis, appends the
// operator record to the end of the x/nodeselection queue and escrows its
// stake in the module account (added to the escrow's one bank balance entry,
// and to the supply when the supply is listed). Genesis operators skip the waiting period. Owners must be genesis
// accounts already; their balances are not touched. It returns the NFT ids.
func AddGenesisOperators(cdc codec.JSONCodec, state map[string]json.RawMessage, ops []GenesisOperator) ([]string, error) {
	var nsGen nstypes.GenesisState
	if err := cdc.UnmarshalJSON(state[nstypes.ModuleName], &nsGen); err != nil {
		return nil, fmt.Errorf("x/nodeselection genesis: %w", err)
	}
	var nftGen nft.GenesisState
	if err := cdc.UnmarshalJSON(state[nft.ModuleName], &nftGen); err != nil {
		return nil, fmt.Errorf("x/nft genesis: %w", err)
	}
	var bankGen banktypes.GenesisState
	if err := cdc.UnmarshalJSON(state[banktypes.ModuleName], &bankGen); err != nil {
		return nil, fmt.Errorf("x/bank genesis: %w", err)
	}
	p := nsGen.Params
	nsGen.NextNftSeq = max(nsGen.NextNftSeq, 1)
	nsGen.NextQueueSeq = max(nsGen.NextQueueSeq, 1)
	nsGen.NextUnbondingId = max(nsGen.NextUnbondingId, 1)
	hasClass := false
	for _, c := range nftGen.Classes {
		hasClass = hasClass || c.Id == nstypes.NFTClassID
	}
	if !hasClass {
		nftGen.Classes = append(nftGen.Classes, OperatorNFTClass())
	}

	escrow := sdkmath.ZeroInt()
	ids := make([]string, 0, len(ops))
	existing := make(map[string]string, len(nsGen.Operators)+len(ops)) // owner -> NFT id
	for _, e := range nsGen.Operators {
		existing[e.Owner] = e.NftId
	}
	for _, o := range ops {
		owner := o.Owner.String()
		if id, ok := existing[owner]; ok {
			return nil, fmt.Errorf("operator %s is already in genesis with NFT %s", owner, id)
		}
		stake := o.Stake
		if stake.IsNil() || stake.IsZero() {
			stake = p.MinStake
		}
		if stake.LT(p.MinStake) {
			return nil, fmt.Errorf("stake %s%s of %s is below min_stake %s%s", stake, p.BondDenom, owner, p.MinStake, p.BondDenom)
		}
		signer, payout := o.Signer, o.Payout
		if signer == "" {
			signer = owner
		}
		if payout == "" {
			payout = owner
		}
		id := fmt.Sprintf("op-%d", nsGen.NextNftSeq)
		nsGen.NextNftSeq++
		nftGen.Entries = append(nftGen.Entries, &nft.Entry{Owner: owner,
			Nfts: []*nft.NFT{{ClassId: nstypes.NFTClassID, Id: id}}})
		nsGen.Operators = append(nsGen.Operators, nstypes.Operator{
			Owner: owner, NftId: id, Signer: signer, Stake: stake, Endpoint: o.Endpoint, Region: o.Region,
			PayoutAddress: payout, Status: nstypes.OPERATOR_STATUS_ELIGIBLE, QueueSeq: nsGen.NextQueueSeq,
			Credit: p.CreditInitial, Moniker: o.Moniker, SigningPublicKey: o.SigningPublicKey,
		})
		nsGen.NextQueueSeq++
		existing[owner] = id
		escrow = escrow.Add(stake)
		ids = append(ids, id)
	}
	if escrow.IsPositive() {
		coins := sdk.NewCoins(sdk.NewCoin(p.BondDenom, escrow))
		AddGenesisBalance(&bankGen, authtypes.NewModuleAddress(nstypes.ModuleName).String(), coins)
	}

	var err error
	if state[nstypes.ModuleName], err = cdc.MarshalJSON(&nsGen); err != nil {
		return nil, err
	}
	if state[nft.ModuleName], err = cdc.MarshalJSON(&nftGen); err != nil {
		return nil, err
	}
	if state[banktypes.ModuleName], err = cdc.MarshalJSON(&bankGen); err != nil {
		return nil, err
	}
	return ids, nil
}
