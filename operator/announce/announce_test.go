package announce_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/announce"
)

func TestRole(t *testing.T) {
	cur, next := []string{"a", "b"}, []string{"b", "c"}
	require.Equal(t, announce.RoleLeaving, announce.Role("a", cur, next))
	require.Equal(t, announce.RoleActive, announce.Role("b", cur, next))
	require.Equal(t, announce.RoleNext, announce.Role("c", cur, next))
	require.Equal(t, announce.RoleIdle, announce.Role("d", cur, next))
}

func TestStatusFileEndpointAndHook(t *testing.T) {
	// ARRANGE: a hook script that records its argument and environment.
	dir := t.TempDir()
	hook := filepath.Join(dir, "hook.sh")
	out := filepath.Join(dir, "hook.out")
	require.NoError(t, os.WriteFile(hook, []byte("#!/bin/sh\necho \"$1 $XMTPD_ROLE $XMTPD_CYCLE $XMTPD_REASON $XMTPD_NODES_FILE\" >> "+out+"\n"), 0o755))
	a := announce.New(filepath.Join(dir, announce.FileName), filepath.Join(dir, announce.NodesFileName), hook)
	st := announce.Status{Operator: "c", Role: announce.RoleNext, Cycle: 7, NextBoundary: time.Unix(1000, 0).UTC(),
		Current: []string{"a", "b"}, Next: []string{"b", "c"}}

	// ACT
	first, err := a.Update(st)
	require.NoError(t, err)
	again, err := a.Update(st)
	require.NoError(t, err)
	_, err = a.RunHook(context.Background(), st, announce.ReasonNodes)
	require.NoError(t, err)

	// ASSERT: the first update and only a role change count as changes.
	require.True(t, first)
	require.False(t, again)
	b, err := os.ReadFile(filepath.Join(dir, announce.FileName))
	require.NoError(t, err)
	var file announce.Status
	require.NoError(t, json.Unmarshal(b, &file))
	require.Equal(t, "next", file.Role)
	require.Equal(t, []string{"b", "c"}, file.Next)
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/status", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"role":"next"`)
	hookOut, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, "next next 7 nodes "+filepath.Join(dir, announce.NodesFileName), strings.TrimSpace(string(hookOut)))

	changed, err := a.Update(announce.Status{Role: announce.RoleActive})
	require.NoError(t, err)
	require.True(t, changed)
}
