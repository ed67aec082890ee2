// Quality-of-experience beacons (server/qoe/).
export { up, down } from '../../qoe/migration.js';
