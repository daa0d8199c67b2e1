package cmd

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
)

// demoNodeKeyFile is the name of a demo operator's XMTP node signing key
// file: the private key as 64 lower-case hex digits, what an XMTP node takes
// as its signing key.
const demoNodeKeyFile = "node_key.hex"

// demoCities name the demo operators after the city of their region
// (demoRegions, in the same order).
var demoCities = []string{"ashburn", "frankfurt", "singapore", "sao-paulo", "tokyo", "bratislava",
	"toronto", "sydney", "mumbai", "johannesburg", "paris", "london"}

// demoMoniker is the public name of demo operator i (1-based): its city and
// its number, unique among the demo operators ("frankfurt-2").
func demoMoniker(i int) string {
	return fmt.Sprintf("%s-%d", demoCities[(i-1)%len(demoCities)], i)
}

// writeDemoNodeKey generates the XMTP node signing key of demo operator i,
// writes it to <home>/operators/op<i>/node_key.hex (mode 0600) and returns
// its 33-byte compressed public key. The key goes into genesis without a
// proof of possession: genesis is trusted as a whole.
func writeDemoNodeKey(home string, i int) ([]byte, error) {
	dir := filepath.Join(home, "operators", fmt.Sprintf("op%d", i))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	priv := secp256k1.GenPrivKey()
	path := filepath.Join(dir, demoNodeKeyFile)
	if err := os.WriteFile(path, []byte(hex.EncodeToString(priv.Key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write node key of op%d: %w", i, err)
	}
	return priv.PubKey().Bytes(), nil
}
