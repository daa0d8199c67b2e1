package types

import (
	"bytes"
	"encoding/json"
	"strings"

	"cosmossdk.io/collections"

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

// FundingIntermediary is the account the funding middleware has the transfer
// app credit before it moves the vouchers into the pool in the same packet. It
// holds nothing between transactions; it is not a module account, so the
// transfer app may credit it.
func FundingIntermediary() []byte { return address.Module(ModuleName, []byte("ibc-funding")) }

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

// validateRewardDenomIBC checks an ibc/<hash> reward_denom: a 64-digit hex hash.
func validateRewardDenomIBC(denom string) error {
	if !strings.HasPrefix(denom, IBCDenomPrefix) {
		return nil
	}
	hash := strings.TrimPrefix(denom, IBCDenomPrefix)
	if len(hash) != 64 || strings.Trim(strings.ToUpper(hash), "0123456789ABCDEF") != "" {
		return ErrInvalidParams.Wrapf("reward_denom %q: an IBC denom is ibc/ followed by 64 hex digits (the sha256 of its trace)", denom)
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
