package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// PayoutRow is one payout record checked against what was payable.
type PayoutRow struct {
	ID          uint64   `json:"id"`
	Period      uint64   `json:"period"`
	Entries     int      `json:"entries"`
	TotalSent   string   `json:"total_sent"`
	TotalFailed string   `json:"total_failed"`
	Complete    bool     `json:"complete"`
	Status      string   `json:"status"` // match or MISMATCH
	Differences []string `json:"differences,omitempty"`
}

// checkStatus is "ok" or "MISMATCH" for the named check of an audit.
func checkStatus(res *types.QueryAuditResponse, name string) string {
	for _, c := range res.Checks {
		if c.Name == name {
			if c.Match {
				return "ok"
			}
			return "MISMATCH"
		}
	}
	return "n/a"
}

// describe lists every difference with its check and where the other value came from.
func describe(res *types.QueryAuditResponse) []string {
	var out []string
	for _, c := range res.Checks {
		for _, d := range c.Differences {
			out = append(out, fmt.Sprintf("[%s] %s: stored %s, other %s (%s)", c.Name, d.Field, d.Stored, d.Recomputed, d.Source))
		}
	}
	if len(res.Checks) == 0 { // an older node answers without checks
		for _, d := range res.Differences {
			out = append(out, fmt.Sprintf("%s: stored %s, recomputed %s", d.Field, d.Stored, d.Recomputed))
		}
	}
	return out
}

// addPayouts audits every stored payout record (pages of 100).
func (r *AuditReport) addPayouts(ctx context.Context, qc types.QueryClient) error {
	var key []byte
	for {
		res, err := qc.Payouts(ctx, &types.QueryPayoutsRequest{Pagination: &query.PageRequest{Key: key, Limit: 100}})
		if err != nil {
			return err
		}
		for _, p := range res.Payouts {
			a, err := qc.AuditPayout(ctx, &types.QueryAuditPayoutRequest{Id: p.Id})
			if err != nil {
				return err
			}
			r.addPayout(a)
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return nil
		}
		key = res.Pagination.NextKey
	}
}

func (r *AuditReport) addPayout(a *types.QueryAuditPayoutResponse) {
	p := a.Payout
	row := PayoutRow{ID: p.Id, Period: p.Period, Entries: len(p.Entries), TotalSent: p.TotalSent.String(),
		TotalFailed: p.TotalFailed.String(), Complete: p.Complete, Status: "match"}
	if !a.Check.Match {
		row.Status = "MISMATCH"
		for _, d := range a.Check.Differences {
			row.Differences = append(row.Differences, fmt.Sprintf("%s: stored %s, payable %s (%s)", d.Field, d.Stored, d.Recomputed, d.Source))
		}
	}
	r.Payouts = append(r.Payouts, row)
}

func payoutCells(p PayoutRow) []string {
	return []string{"payout " + strconv.FormatUint(p.ID, 10), p.Status, strconv.Itoa(p.Entries), "", "", p.TotalSent, p.TotalFailed,
		"", "", "", strconv.FormatBool(p.Complete), "", "", "", strings.Join(p.Differences, "; ")}
}

func writePayouts(w io.Writer, rows []PayoutRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\npayouts checked against what was payable:\n")
	for _, p := range rows {
		fmt.Fprintf(w, "payout %d (period %d): %s, %d entries, sent %s, failed %s, complete %t\n",
			p.ID, p.Period, p.Status, p.Entries, p.TotalSent, p.TotalFailed, p.Complete)
		for _, d := range p.Differences {
			fmt.Fprintf(w, "payout %d: %s\n", p.ID, d)
		}
	}
}
