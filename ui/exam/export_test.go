package exam

// NewTestPack gives the external tests (which may import dvaprep/ui) the small test pack.
var NewTestPack = testPack
