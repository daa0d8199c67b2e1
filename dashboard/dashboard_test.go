package dashboard_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/dashboard"
)

func serve(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	r := mux.NewRouter()
	dashboard.Register(r)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(body)
}

func TestServesIndexAndScripts(t *testing.T) {
	res, body := serve(t, "/dashboard/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "<title>xmtpd dashboard</title>")
	require.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'self'")

	res, body = serve(t, "/dashboard/vendor/chartjs/chart.umd.min.js")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.True(t, strings.HasPrefix(body, "/*!\n * Chart.js v4.6.1"), "the vendored Chart.js build is served")
}

func TestRedirectsBarePath(t *testing.T) {
	res, _ := serve(t, "/dashboard")
	require.Equal(t, http.StatusMovedPermanently, res.StatusCode)
	require.Equal(t, "/dashboard/", res.Header.Get("Location"))
}

func TestRegionsJSONNamesEveryAcceptedCode(t *testing.T) {
	res, body := serve(t, "/dashboard/regions.json")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var regions map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &regions))
	require.Len(t, regions, 249, "the 249 officially assigned ISO 3166-1 alpha-2 codes")
	require.Equal(t, "Germany", regions["DE"])
	require.Equal(t, "United States of America", regions["US"])
}

func TestOnlyReads(t *testing.T) {
	r := mux.NewRouter()
	dashboard.Register(r)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/dashboard/index.html", strings.NewReader("x")))
	require.NotEqual(t, http.StatusOK, rec.Code)
}
