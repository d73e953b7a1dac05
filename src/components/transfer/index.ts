export { TransferView } from './TransferView';
export { TransferNavButton } from './TransferNavButton';
