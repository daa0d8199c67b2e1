package types

import (
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
)

// MaxMonikerLen is the longest moniker, in Unicode code points.
const MaxMonikerLen = 64

// ValidateMoniker checks an operator's public name (docs/protocol.md, node
// registry): valid UTF-8, 1–64 code points, each a Unicode graphic character
// (letters, marks, numbers, punctuation, symbols and spaces; no control or
// format characters such as zero-width spaces), and no white space at
// either end.
func ValidateMoniker(m string) error {
	if !utf8.ValidString(m) {
		return errorsmod.Wrap(ErrInvalidMoniker, "moniker is not valid UTF-8")
	}
	n := utf8.RuneCountInString(m)
	if n < 1 || n > MaxMonikerLen {
		return errorsmod.Wrapf(ErrInvalidMoniker, "moniker must have 1 to %d characters, got %d", MaxMonikerLen, n)
	}
	for i, r := range m {
		if !unicode.IsGraphic(r) {
			return errorsmod.Wrapf(ErrInvalidMoniker, "moniker character %U at byte %d is not printable", r, i)
		}
	}
	first, _ := utf8.DecodeRuneInString(m)
	last, _ := utf8.DecodeLastRuneInString(m)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return errorsmod.Wrapf(ErrInvalidMoniker, "moniker %q must not start or end with white space", m)
	}
	return nil
}

// MonikerKey is the form in which monikers must be unique: ASCII letters
// folded to lower case, every other character as given. The fold uses no
// Unicode table, so the key of a stored moniker never changes with the Go
// version.
func MonikerKey(m string) string {
	b := []byte(m)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
