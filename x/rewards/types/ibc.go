package types

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"

	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v11/modules/core/24-host"
)

// Collection prefixes of the ICS-20 pool funding records (kept apart from keys.go).
var (
	IBCFundingsKey   = collections.NewPrefix(40)
	IBCFundingSeqKey = collections.NewPrefix(41)
)

// MemoKey is the top-level memo key of every xmtpd instruction in an ICS-20 memo.
const MemoKey = "xmtp"

// FundingMemo is the exact ICS-20 memo that funds the reward pool.
const FundingMemo = `{"xmtp":{"fund_reward_pool":{}}}`

// IBCDenomPrefix is the prefix of a voucher denom, ibc/<64 hex sha256 of the trace>.
const IBCDenomPrefix = "ibc/"

// FundingAddress is the funding address of SPEC 10: a deterministic address
// owned by x/rewards (address.Module("rewards", "ibc-funding"), no private key;
// shown by Query/Params). Every arrival of reward_denom over a
// funding_channels channel addressed to it funds the pool, memo or not, and
// anything else sent to it over IBC gets an error acknowledgement. The funding
// middleware also has the transfer app credit a memo-funding packet here
// before moving it into the pool in the same packet, so it holds nothing
// between transactions: plain bank sends to it are refused by
// FundingSendRestriction. It is not a module account, so the transfer app
// may credit it.
func FundingAddress() sdk.AccAddress {
	return sdk.AccAddress(address.Module(ModuleName, []byte("ibc-funding")))
}

// FundingIntermediary is FundingAddress as raw bytes (the account a funding
// packet passes through).
func FundingIntermediary() []byte { return FundingAddress() }

// fundingCreditKey marks the context in which the funding middleware lets the
// transfer app credit the funding address.
type fundingCreditKey struct{}

// WithFundingCredit returns ctx in which FundingSendRestriction lets coins be
// sent to the funding address (the funding middleware's OnRecvPacket only).
func WithFundingCredit(ctx sdk.Context) sdk.Context { return ctx.WithValue(fundingCreditKey{}, true) }

// FundingSendRestriction is a bank send restriction: a send to the funding
// address fails unless the funding middleware is crediting a funding packet,
// which it moves into the pool in the same packet. So no bank send, multi-send,
// payout or other module transfer can leave coins stranded there.
func FundingSendRestriction(ctx context.Context, _, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
	if !to.Equals(FundingAddress()) {
		return to, nil
	}
	if ok, _ := ctx.Value(fundingCreditKey{}).(bool); ok {
		return to, nil
	}
	return to, ErrFundingReceiver.Wrapf("%s is the x/rewards funding address: it accepts only ICS-20 transfers of the reward denom "+
		"over a funding channel (which fund the reward pool), not bank sends; fund the pool with MsgFundRewardPool (tx rewards fund-reward-pool)", to)
}

// ParseFundingMemo tells whether an ICS-20 memo asks to fund the reward pool.
// A memo without the xmtp key (or one that is not a JSON object and does not
// mention it) is a plain transfer: (false, nil). A memo with the key must be
// exactly {"xmtp":{"fund_reward_pool":{}}} (whitespace aside); anything else
// with the key is an ErrFundingMemo.
func ParseFundingMemo(memo string) (bool, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(memo), &top); err != nil {
		if strings.Contains(memo, `"`+MemoKey+`"`) {
			return false, ErrFundingMemo.Wrapf("memo mentions %q but is not a JSON object: %s; use %s", MemoKey, err, FundingMemo)
		}
		return false, nil
	}
	raw, ok := top[MemoKey]
	if !ok {
		return false, nil
	}
	if len(top) != 1 {
		return false, ErrFundingMemo.Wrapf("a memo with the %q key holds no other key; got %d keys; use %s", MemoKey, len(top), FundingMemo)
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(raw, &inner); err != nil || inner == nil {
		return false, ErrFundingMemo.Wrapf("%q must be an object with the single key fund_reward_pool; use %s", MemoKey, FundingMemo)
	}
	action, ok := inner["fund_reward_pool"]
	if !ok || len(inner) != 1 {
		return false, ErrFundingMemo.Wrapf("%q must hold exactly the key fund_reward_pool; use %s", MemoKey, FundingMemo)
	}
	if !bytes.Equal(bytes.Join(bytes.Fields(action), nil), []byte("{}")) {
		return false, ErrFundingMemo.Wrapf("fund_reward_pool takes no arguments: must be {}, got %s; use %s", action, FundingMemo)
	}
	return true, nil
}

// validateFundingChannels checks funding_channels: valid channel ids, no duplicates.
func validateFundingChannels(channels []string) error {
	seen := make(map[string]bool, len(channels))
	for _, c := range channels {
		if err := host.ChannelIdentifierValidator(c); err != nil || !channeltypes.IsValidChannelID(c) {
			return ErrInvalidParams.Wrapf("funding_channels: %q is not a channel id (channel-<n>)", c)
		}
		if seen[c] {
			return ErrInvalidParams.Wrapf("funding_channels: %s appears twice", c)
		}
		seen[c] = true
	}
	return nil
}

// validateRewardDenomIBC checks an IBC reward_denom: only the canonical
// voucher form ibc/<64 upper-case hex digits> (what ibc-go's transfer app
// credits) is accepted. Any other spelling of the prefix or of the hash names
// a denom no transfer ever mints, so every funding transfer would be refused.
func validateRewardDenomIBC(denom string) error {
	if len(denom) < len(IBCDenomPrefix) || !strings.EqualFold(denom[:len(IBCDenomPrefix)], IBCDenomPrefix) {
		return nil
	}
	hash := denom[len(IBCDenomPrefix):]
	if !strings.HasPrefix(denom, IBCDenomPrefix) || len(hash) != 64 || strings.Trim(hash, "0123456789ABCDEF") != "" {
		return ErrInvalidParams.Wrapf("reward_denom %q: an IBC voucher denom is ibc/ followed by 64 upper-case hex digits "+
			"(the sha256 of its trace, e.g. ibc/%s), as the transfer app writes it", denom, strings.ToUpper(strings.Repeat("0", 64)))
	}
	return nil
}

// IsIBCDenom tells whether a denom is an ICS-20 voucher denom (ibc/<hash>).
func IsIBCDenom(denom string) bool { return strings.HasPrefix(denom, IBCDenomPrefix) }

// HasFundingChannel tells whether the channel is in funding_channels.
func (p Params) HasFundingChannel(channel string) bool {
	for _, c := range p.FundingChannels {
		if c == channel {
			return true
		}
	}
	return false
}

// validateIBCFundings checks the genesis funding records: unique ids below next, positive amounts.
func validateIBCFundings(recs []IBCFunding, next uint64) error {
	seen := make(map[uint64]bool, len(recs))
	for _, r := range recs {
		if seen[r.Id] {
			return ErrInvalidGenesis.Wrapf("ibc funding %d appears twice", r.Id)
		}
		seen[r.Id] = true
		if r.Id >= next {
			return ErrInvalidGenesis.Wrapf("ibc funding id %d must be below next_ibc_funding_id %d", r.Id, next)
		}
		if !r.Amount.IsValid() || !r.Amount.IsPositive() {
			return ErrInvalidGenesis.Wrapf("ibc funding %d: amount %s must be a positive coin", r.Id, r.Amount)
		}
	}
	return nil
}
