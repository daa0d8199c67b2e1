// Package dashboard serves the xmtpd dashboard: static pages embedded in the
// binary that read the chain's public REST API from the same origin. The API
// server mounts it at /dashboard/ when app.toml has [dashboard] enable = true.
package dashboard

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Path is where the dashboard is mounted on the API server.
const Path = "/dashboard/"

//go:embed static
var static embed.FS

// Files returns the embedded static files (index.html at the root).
func Files() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	return sub
}

// Handler serves the dashboard below Path: the static files read-only and
// regions.json, the ISO 3166-1 list the chain validates regions against.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Path+"regions.json", serveRegions)
	files := http.StripPrefix(Path, http.FileServerFS(Files()))
	mux.Handle("GET "+Path, readOnly(files))
	return mux
}

// Register mounts the dashboard on the API server's router; /dashboard
// redirects to /dashboard/.
func Register(r *mux.Router) {
	r.Handle("/dashboard", http.RedirectHandler(Path, http.StatusMovedPermanently)).Methods(http.MethodGet)
	r.PathPrefix(Path).Handler(Handler()).Methods(http.MethodGet, http.MethodHead)
}

func readOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// Same-origin only: the pages load nothing from elsewhere.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// Regions returns every region code the chain accepts with its country name.
// The codes are enumerated through nstypes.RegionName, the validation table.
func Regions() map[string]string {
	out := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if name, ok := nstypes.RegionName(code); ok {
				out[code] = name
			}
		}
	}
	return out
}

func serveRegions(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "max-age=3600")
	_ = json.NewEncoder(w).Encode(Regions())
}
