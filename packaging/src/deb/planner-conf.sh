#!/bin/sh
# prints /etc/llm-os/planner.toml as installed (by the .deb and by install.sh): the documented
# example $1 with every setting commented out, so the defaults apply until the admin says otherwise.
set -e
echo "# llm-os daemon configuration (llm-osd --config, default /etc/llm-os/planner.toml): every setting"
echo "# below is commented out and shows its default or an example; remove the '# ' to change one,"
echo "# then 'systemctl restart llm-osd'. what follows is the documented example."
echo "#"
sed -E 's/^([^#[:space:]])/# \1/' "$1"
