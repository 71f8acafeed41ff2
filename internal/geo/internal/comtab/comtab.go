// Package comtab writes the commune table that package geo embeds
// (communes.bin): a compact binary form that decodes without decompression
// or text parsing, and whose strings geo uses in place.
//
// Layout (uvarint: encoding/binary's unsigned varint; coordinates are
// zigzag varints of ten-thousandths of a degree):
//
//	"LABOCOM1"
//	uvarint communes, uvarint postcode references (sum over communes)
//	per commune, in INSEE code order:
//	  code (5 bytes), uvarint len + nom, uvarint len + département code,
//	  uvarint count + postcodes (5 bytes each), uvarint population,
//	  precision (1 byte, 0: no position), then if not 0: latitude, longitude
//	uvarint distinct postcodes
//	per postcode, in string order: postcode (5 bytes), uvarint count,
//	  the communes using it as uvarint differences of their indexes
//	  (the first from 0), in INSEE code order (a commune listing a
//	  postcode twice is there twice)
package comtab

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Magic starts the table; the digit is the layout's version.
const Magic = "LABOCOM1"

// Row is one commune. Lat and Lon are in ten-thousandths of a degree.
type Row struct {
	Code, Nom, Dept string
	Postcodes       []string
	Population      int
	Lat, Lon        int64
	Precision       byte // 0 when there is no position
}

// Fixed4 reads a decimal with at most four decimals ("45.7772", "-3.1")
// as ten-thousandths, exactly.
func Fixed4(s string) (int64, error) {
	ip, fp, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(ip, "-")
	ip = strings.TrimPrefix(ip, "-")
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	if ip == "" || len(fp) > 4 || !digits(ip) || !digits(fp) {
		return 0, fmt.Errorf("comtab: %q is not a decimal with at most four decimals", s)
	}
	n, err := strconv.ParseInt(ip+fp+strings.Repeat("0", 4-len(fp)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("comtab: %q: %w", s, err)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// Encode writes rows, which must be in INSEE code (string) order with
// 5-character codes and postcodes.
func Encode(rows []Row) ([]byte, error) {
	refs := 0
	index := map[string][]int{}
	for i, r := range rows {
		if len(r.Code) != 5 || (i > 0 && rows[i-1].Code >= r.Code) {
			return nil, fmt.Errorf("comtab: code %q is not 5 characters in increasing order", r.Code)
		}
		for _, cp := range r.Postcodes {
			if len(cp) != 5 {
				return nil, fmt.Errorf("comtab: commune %s: postcode %q is not 5 characters", r.Code, cp)
			}
			index[cp] = append(index[cp], i)
		}
		refs += len(r.Postcodes)
	}
	b := []byte(Magic)
	b = binary.AppendUvarint(b, uint64(len(rows)))
	b = binary.AppendUvarint(b, uint64(refs))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, r := range rows {
		b = append(b, r.Code...)
		str(r.Nom)
		str(r.Dept)
		b = binary.AppendUvarint(b, uint64(len(r.Postcodes)))
		for _, cp := range r.Postcodes {
			b = append(b, cp...)
		}
		b = binary.AppendUvarint(b, uint64(r.Population))
		b = append(b, r.Precision)
		if r.Precision != 0 {
			b = binary.AppendVarint(b, r.Lat)
			b = binary.AppendVarint(b, r.Lon)
		}
	}
	cps := make([]string, 0, len(index))
	for cp := range index {
		cps = append(cps, cp)
	}
	slices.Sort(cps)
	b = binary.AppendUvarint(b, uint64(len(cps)))
	for _, cp := range cps {
		b = append(b, cp...)
		b = binary.AppendUvarint(b, uint64(len(index[cp])))
		prev := 0
		for _, i := range index[cp] {
			b = binary.AppendUvarint(b, uint64(i-prev))
			prev = i
		}
	}
	return b, nil
}
