// The Flaglens example project: a small shop that releases features with Featurevisor (v2 format).
module.exports = {
  environments: ["staging", "production"],
  tags: ["web", "mobile"],
};
