export { SLUG } from '../../api/slug';
