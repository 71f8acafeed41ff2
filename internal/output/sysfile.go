package output

// writeFile is os.WriteFile with the files of sysfile_*.go.
func writeFile(name string, data []byte) error {
	f, err := createFile(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
