package xlsx

// Unzip lets the external tests read a package's parts (see unzip).
var Unzip = unzip
