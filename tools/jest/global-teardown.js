// Stops the containers the global setup started (none on machines without Docker).
const { stopContainers } = require('./containers');

module.exports = () => stopContainers();
