# Sourced by the scripts that need Debian packages (not run on its own).
# install_missing_debian_packages WHO PACKAGE...: installs the named packages
# with apt-get (through sudo when not root), saying which and for whom; does
# nothing when the list is empty, so a second run needs no network.
install_missing_debian_packages() {
  local who="$1"
  shift
  [ "$#" -gt 0 ] || return 0
  echo "$who: installing $*" >&2
  local sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$@" >&2
}
