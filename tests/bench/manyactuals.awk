# Writes an actuals table with its rows repeated COPIES times, the project
# names numbered as manyprojects.awk numbers them.
# Usage: awk -v COPIES=N -f manyactuals.awk actuals.csv   (UTF-8)
BEGIN { RS = "\r?\n" }
NR == 1 { sub(/^\xef\xbb\xbf/, ""); print; next }
$0 != "" { line[n++] = $0 }
END {
  for (c = 1; c <= COPIES; c++)
    for (i = 0; i < n; i++) {
      l = line[i]
      sub(/,/, "（" c "）,", l)
      print l
    }
}
