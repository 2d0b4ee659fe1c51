#!/bin/sh
# Posts a deploy notice. The webhook and token are fake (rootle demo data).
curl -s -X POST -H 'Content-type: application/json' \
  --data '{"text":"deployed"}' \
  https://hooks.slack.com/services/T0ROOTLE1/B0FAKE2Q9/rootleFAKEq8Xw7Vt6Us5Rr4
curl -s -H "Authorization: Bearer glpat-rootleFAKE8s9DkQ2mZx" https://gitlab.example.net/api/v4/user
