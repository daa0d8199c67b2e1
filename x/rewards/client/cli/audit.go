package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const (
	flagFrom = "from"
	flagTo   = "to"
	flagCSV  = "csv"
)

// QueryCmd is the hand-written part of `xmtpd q rewards`; autocli adds the rest.
func QueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Query the x/rewards module",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(AuditCmd(), SimulateCmd())
	return cmd
}

// AuditRow is one line of the reconciliation table.
type AuditRow struct {
	Cycle       uint64   `json:"cycle"`
	Status      string   `json:"status"` // match, MISMATCH or missing
	Members     int      `json:"members"`
	Budget      string   `json:"budget"`
	Backstop    string   `json:"backstop"`
	Credited    string   `json:"credited"`
	Withheld    string   `json:"withheld"`
	CapExcess   string   `json:"cap_excess"`
	Dust        string   `json:"dust"`
	Carried     string   `json:"carried"`
	Conserved   bool     `json:"conserved"`
	Recompute   string   `json:"recompute"`  // ok, MISMATCH
	Provenance  string   `json:"provenance"` // ok, MISMATCH
	Continuity  string   `json:"continuity"` // ok, MISMATCH
	Differences []string `json:"differences,omitempty"`
}

// AuditReport is the JSON output of the audit walk.
type AuditReport struct {
	From       uint64      `json:"from"`
	To         uint64      `json:"to"`
	Audited    int         `json:"audited"`
	Matched    int         `json:"matched"`
	Mismatched int         `json:"mismatched"`
	Missing    int         `json:"missing"`
	Totals     AuditRow    `json:"totals"`
	Rows       []AuditRow  `json:"rows"`
	Payouts    []PayoutRow `json:"payouts,omitempty"`
}

// AuditCmd walks a cycle range with Query/Audit and prints a reconciliation table.
func AuditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit --from A --to B",
		Short: "Audit every stored cycle in [A, B] (recompute, provenance, continuity) and the payouts",
		Long: `Walks the cycles from A to B (inclusive) and audits each stored cycle record with
three checks: recompute (its outputs from its stored inputs with its stored algorithm
version), provenance (its inputs against x/nodeselection's cycle history, performance
records and violations, the budget record and the treasury's backstop spend) and
continuity (each member's C_i, E_i and arrears against its previous record). It prints one
row per cycle: budget + backstop = credited + withheld + cap excess + dust + carried and the
three checks, then every stored payout record checked against what was payable. A progress
bar is drawn on stderr when it is a terminal.`,
		Example: "xmtpd q rewards audit --from 0 --to 1459\nxmtpd q rewards audit --from 0 --to 59 -o json\nxmtpd q rewards audit --from 0 --to 59 --csv audit.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			from, _ := cmd.Flags().GetUint64(flagFrom)
			to, _ := cmd.Flags().GetUint64(flagTo)
			if to < from {
				return fmt.Errorf("--to %d must be >= --from %d", to, from)
			}
			qc := types.NewQueryClient(clientCtx)
			progress := newProgress(os.Stderr, to-from+1)
			report := AuditReport{From: from, To: to}
			for c := from; ; c++ {
				res, err := qc.Audit(cmd.Context(), &types.QueryAuditRequest{Cycle: c})
				report.add(c, res, err)
				progress.step()
				if c == to {
					break
				}
			}
			progress.done()
			if err := report.addPayouts(cmd.Context(), qc); err != nil {
				return err
			}
			if path, _ := cmd.Flags().GetString(flagCSV); path != "" {
				if err := writeCSV(path, report); err != nil {
					return err
				}
			}
			out := cmd.OutOrStdout()
			if o, _ := cmd.Flags().GetString(flags.FlagOutput); o == flags.OutputFormatJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(report)
			}
			return writeTable(out, report)
		},
	}
	cmd.Flags().Uint64(flagFrom, 0, "first cycle to audit")
	cmd.Flags().Uint64(flagTo, 0, "last cycle to audit (inclusive)")
	cmd.Flags().String(flagCSV, "", "also write the table to this CSV file")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

func (r *AuditReport) add(cycle uint64, res *types.QueryAuditResponse, err error) {
	if err != nil || res == nil {
		r.Missing++
		row := AuditRow{Cycle: cycle, Status: "missing"}
		if err != nil {
			row.Differences = []string{err.Error()}
		}
		r.Rows = append(r.Rows, row)
		return
	}
	s := res.Stored
	row := AuditRow{
		Cycle: cycle, Members: len(s.Members), Budget: s.Budget.String(), Backstop: s.Backstop.String(),
		Credited: s.TotalCredited.String(), Withheld: s.TotalWithheld.String(), CapExcess: s.TotalCapExcess.String(),
		Dust: s.Dust.String(), Carried: s.Carried.String(), Status: "match",
		Recompute: checkStatus(res, "recompute"), Provenance: checkStatus(res, "provenance"), Continuity: checkStatus(res, "continuity"),
		Conserved: s.Budget.Add(s.Backstop).Equal(s.TotalCredited.Add(s.TotalWithheld).Add(s.TotalCapExcess).Add(s.Dust).Add(s.Carried)),
	}
	r.Audited++
	if res.Match && row.Conserved {
		r.Matched++
	} else {
		row.Status = "MISMATCH"
		r.Mismatched++
		row.Differences = describe(res)
	}
	r.Rows = append(r.Rows, row)
	r.Totals = sumRows(r.Totals, row)
}

func sumRows(t, row AuditRow) AuditRow {
	add := func(a, b string) string {
		x, _ := math.NewIntFromString(orZero(a))
		y, _ := math.NewIntFromString(orZero(b))
		return x.Add(y).String()
	}
	t.Status, t.Members = "total", t.Members+row.Members
	t.Budget, t.Backstop, t.Credited = add(t.Budget, row.Budget), add(t.Backstop, row.Backstop), add(t.Credited, row.Credited)
	t.Withheld, t.CapExcess = add(t.Withheld, row.Withheld), add(t.CapExcess, row.CapExcess)
	t.Dust, t.Carried = add(t.Dust, row.Dust), add(t.Carried, row.Carried)
	return t
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

var header = []string{"cycle", "status", "members", "budget", "backstop", "credited", "withheld", "cap_excess", "dust", "carried", "conserved", "recompute", "provenance", "continuity"}

func cells(r AuditRow) []string {
	cycle := strconv.FormatUint(r.Cycle, 10)
	if r.Status == "total" {
		cycle = "TOTAL"
	}
	return []string{cycle, r.Status, strconv.Itoa(r.Members), r.Budget, r.Backstop, r.Credited, r.Withheld, r.CapExcess, r.Dust, r.Carried,
		strconv.FormatBool(r.Conserved), r.Recompute, r.Provenance, r.Continuity}
}

func writeTable(w io.Writer, r AuditReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	line := func(cs []string) { fmt.Fprintln(tw, joinTab(cs)) }
	line(header)
	for _, row := range r.Rows {
		if row.Status == "missing" {
			fmt.Fprintf(tw, "%d\tmissing\t\t\t\t\t\t\t\t\t\t\t\t\t\n", row.Cycle)
			continue
		}
		line(cells(row))
	}
	if r.Audited > 0 {
		t := r.Totals
		t.Conserved = r.Mismatched == 0
		line(cells(t))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\naudited %d cycles: %d match, %d mismatch, %d missing (not settled or pruned)\n",
		r.Audited, r.Matched, r.Mismatched, r.Missing)
	for _, row := range r.Rows {
		if row.Status == "MISMATCH" {
			for _, d := range row.Differences {
				fmt.Fprintf(w, "cycle %d: %s\n", row.Cycle, d)
			}
		}
	}
	writePayouts(w, r.Payouts)
	return err
}

func joinTab(cs []string) string {
	s := ""
	for _, c := range cs {
		s += c + "\t"
	}
	return s
}

func writeCSV(path string, r AuditReport) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write(append(header, "differences"))
	for _, row := range r.Rows {
		diffs := ""
		for i, d := range row.Differences {
			if i > 0 {
				diffs += "; "
			}
			diffs += d
		}
		_ = w.Write(append(cells(row), diffs))
	}
	for _, p := range r.Payouts {
		_ = w.Write(payoutCells(p))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progress draws a bar on a terminal and nothing otherwise.
type progress struct {
	w          io.Writer
	tty        bool
	total, cur uint64
}

func newProgress(f *os.File, total uint64) *progress {
	return &progress{w: f, tty: term.IsTerminal(int(f.Fd())), total: total}
}

func (p *progress) step() {
	p.cur++
	if !p.tty || (p.cur%8 != 0 && p.cur != p.total) {
		return
	}
	const width = 40
	filled := int(p.cur * width / p.total)
	bar := make([]byte, width)
	for i := range bar {
		if i < filled {
			bar[i] = '#'
		} else {
			bar[i] = '.'
		}
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%d cycles", bar, p.cur, p.total)
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}
