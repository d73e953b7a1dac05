export { TransferView } from './TransferView';
