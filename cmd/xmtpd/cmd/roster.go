package cmd

import (
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/query"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const flagServingOnly = "serving"

// RosterCmd prints the operators as a table that names them: node id,
// moniker, status, membership of the current and next sets, the node key in
// short form (with a pending rotation) and the owner.
func RosterCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "roster",
		Short: "Table of the operators by node id and moniker: status, current/next set, node key, owner",
		Long: `Reads Query/Operators and Query/ActiveSet and prints one line per operator,
ordered by node id: NODE (100 × n for NFT op-n), MONIKER, STATUS, CUR and NEXT (member
of the serving set and of the announced next set), KEY (the XMTP node signing key, first 8
and last 6 hex digits; "→ <key> @<cycle>" for an announced rotation) and OWNER.`,
		Example: "xmtpd q roster --home .localnet\nxmtpd q roster --serving",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			qc := nstypes.NewQueryClient(clientCtx)
			ctx := cmd.Context()
			as, err := qc.ActiveSet(ctx, &nstypes.QueryActiveSetRequest{})
			if err != nil {
				return err
			}
			var ops []nstypes.Operator
			var key []byte
			for {
				res, err := qc.Operators(ctx, &nstypes.QueryOperatorsRequest{Pagination: &query.PageRequest{Key: key, Limit: 200}})
				if err != nil {
					return err
				}
				ops = append(ops, res.Operators...)
				if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
					break
				}
				key = res.Pagination.NextKey
			}
			serving, _ := cmd.Flags().GetBool(flagServingOnly)
			return writeRoster(cmd.OutOrStdout(), ops, as, serving)
		},
	}
	cmd.Flags().Bool(flagServingOnly, false, "only the members of the current and the next set")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// rosterKey is a key's short form: the first 8 and the last 6 hex digits.
func rosterKey(key []byte) string {
	if len(key) == 0 {
		return "-"
	}
	h := hex.EncodeToString(key)
	if len(h) <= 16 {
		return h
	}
	return h[:8] + "…" + h[len(h)-6:]
}

// writeRoster writes the roster table of ops (servingOnly: members of the
// current or next set only).
func writeRoster(w io.Writer, ops []nstypes.Operator, as *nstypes.QueryActiveSetResponse, servingOnly bool) error {
	cur, next := map[string]bool{}, map[string]bool{}
	for _, m := range as.Current {
		cur[m.Owner] = true
	}
	for _, m := range as.Next {
		next[m.Owner] = true
	}
	type row struct {
		id  uint32
		txt string
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "-"
	}
	var rows []row
	for _, o := range ops {
		if servingOnly && !cur[o.Owner] && !next[o.Owner] {
			continue
		}
		id, err := nstypes.NodeIDFromNFT(o.NftId)
		if err != nil {
			return err
		}
		moniker := o.Moniker
		if moniker == "" {
			moniker = "-"
		}
		k := rosterKey(o.SigningPublicKey)
		if len(o.PendingSigningPublicKey) > 0 {
			k += fmt.Sprintf(" → %s @%d", rosterKey(o.PendingSigningPublicKey), o.EffectiveCycle)
		}
		status := strings.TrimPrefix(o.Status.String(), "OPERATOR_STATUS_")
		rows = append(rows, row{id, strings.Join([]string{fmt.Sprint(id), moniker, status, yes(cur[o.Owner]), yes(next[o.Owner]), k, o.Owner}, "\t")})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].id < rows[j].id })
	fmt.Fprintf(w, "cycle %d: %d serving, %d announced for cycle %d\n", as.Cycle, len(as.Current), len(as.Next), as.Cycle+1)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tMONIKER\tSTATUS\tCUR\tNEXT\tKEY\tOWNER")
	for _, r := range rows {
		fmt.Fprintln(tw, r.txt)
	}
	return tw.Flush()
}
